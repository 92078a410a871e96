package org.scheduleright.booking.org.domain;

import java.util.Objects;
import java.util.UUID;

/** The id of an organisation. */
public record OrgId(UUID value) {

    public OrgId {
        Objects.requireNonNull(value, "org id must not be null");
    }

    public static OrgId random() {
        return new OrgId(UUID.randomUUID());
    }

    /** Parses an id, or returns {@code null} when the text is not a UUID (an unknown id then answers 404). */
    public static OrgId parseOrNull(String text) {
        try {
            return text == null ? null : new OrgId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
