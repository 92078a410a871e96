package org.scheduleright.booking.site.domain;

import java.util.Objects;
import java.util.UUID;

/** The id of a site. */
public record SiteId(UUID value) {

    public SiteId {
        Objects.requireNonNull(value, "site id must not be null");
    }

    public static SiteId random() {
        return new SiteId(UUID.randomUUID());
    }

    /** Parses an id, or returns {@code null} when the text is not a UUID (an unknown id then answers 404). */
    public static SiteId parseOrNull(String text) {
        try {
            return text == null ? null : new SiteId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
