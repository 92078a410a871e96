package org.scheduleright.booking.slot.domain;

import java.time.Instant;
import java.util.Objects;
import org.scheduleright.booking.org.domain.OrgId;
import org.scheduleright.booking.site.domain.SiteId;

/** A bookable period of a site with a number of seats, of which {@code booked} are taken. */
public record Slot(
        SlotId id, OrgId orgId, SiteId siteId, SlotTimes times, int capacity, int booked, SlotStatus status) {

    public static final int MAX_CAPACITY = 1000;

    public Slot {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(orgId, "orgId must not be null");
        Objects.requireNonNull(siteId, "siteId must not be null");
        Objects.requireNonNull(times, "times must not be null");
        Objects.requireNonNull(status, "status must not be null");
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be between 1 and " + MAX_CAPACITY + ", was " + capacity);
        }
        if (booked < 0 || booked > capacity) {
            throw new IllegalArgumentException("booked must be between 0 and capacity " + capacity + ", was " + booked);
        }
    }

    /** A new open slot with no seat taken. */
    public static Slot open(OrgId orgId, SiteId siteId, SlotTimes times, int capacity) {
        return new Slot(SlotId.random(), orgId, siteId, times, capacity, 0, SlotStatus.OPEN);
    }

    public int remaining() {
        return capacity - booked;
    }

    public Instant startTime() {
        return times.start();
    }

    public Instant endTime() {
        return times.end();
    }

    /** Whether a seat could be taken at {@code now}: open, not full and not yet started. */
    public boolean isBookableAt(Instant now) {
        return status == SlotStatus.OPEN && remaining() > 0 && times.start().isAfter(now);
    }
}
