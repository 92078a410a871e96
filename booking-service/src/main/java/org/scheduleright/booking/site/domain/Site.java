package org.scheduleright.booking.site.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import org.scheduleright.booking.org.domain.OrgId;
import org.scheduleright.booking.org.domain.Timezones;

/** A place of an organisation where appointments happen, with the time zone its availability is written in. */
public record Site(
        SiteId id, OrgId orgId, String name, String address, ZoneId timezone, Instant createdAt, Instant updatedAt) {

    public Site {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(orgId, "orgId must not be null");
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("site name must have 1 to 100 characters");
        }
        if (address != null && address.length() > 255) {
            throw new IllegalArgumentException("site address must have at most 255 characters");
        }
        Timezones.requireRegion(timezone, "site timezone");
        Objects.requireNonNull(createdAt, "createdAt must not be null");
        Objects.requireNonNull(updatedAt, "updatedAt must not be null");
    }
}
