package org.scheduleright.booking.org.domain;

import java.time.ZoneId;
import java.util.Optional;

/** Reads IANA time-zone ids (such as {@code America/New_York}), refusing fixed offsets and unknown names. */
public final class Timezones {

    private Timezones() {}

    /** The zone named by {@code id}, if it is a known IANA region. */
    public static Optional<ZoneId> parse(String id) {
        if (id == null || !ZoneId.getAvailableZoneIds().contains(id)) {
            return Optional.empty();
        }
        return Optional.of(ZoneId.of(id));
    }

    /** Throws unless {@code zone} is a known IANA region. */
    public static ZoneId requireRegion(ZoneId zone, String what) {
        if (zone == null || parse(zone.getId()).isEmpty()) {
            throw new IllegalArgumentException(what + " must be an IANA time zone such as Europe/London, was " + zone);
        }
        return zone;
    }
}
