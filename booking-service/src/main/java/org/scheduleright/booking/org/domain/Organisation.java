package org.scheduleright.booking.org.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A care organisation: the tenant every site, slot and booking belongs to.
 *
 * @param settingsJson the organisation's free-form settings as a JSON object text, or {@code null}
 */
public record Organisation(
        OrgId id, String name, ZoneId timezone, String settingsJson, Instant createdAt, Instant updatedAt) {

    public Organisation {
        Objects.requireNonNull(id, "id must not be null");
        if (name == null || name.isBlank() || name.length() < 3 || name.length() > 100) {
            throw new IllegalArgumentException("organisation name must have 3 to 100 characters");
        }
        Timezones.requireRegion(timezone, "organisation timezone");
        Objects.requireNonNull(createdAt, "createdAt must not be null");
        Objects.requireNonNull(updatedAt, "updatedAt must not be null");
    }
}
