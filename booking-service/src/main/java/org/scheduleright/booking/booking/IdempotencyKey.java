package org.scheduleright.booking.booking;

import java.util.regex.Pattern;

/**
 * An {@code Idempotency-Key} header within its scope (the caller, or the public booking page): 1–255 visible ASCII
 * characters.
 */
public record IdempotencyKey(String scope, String value) {

    private static final Pattern VALUE = Pattern.compile("[\\x21-\\x7E]{1,255}");

    public IdempotencyKey {
        if (scope == null || scope.isBlank() || scope.length() > 100) {
            throw new IllegalArgumentException("idempotency scope must have 1 to 100 characters");
        }
        if (value == null || !VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("Idempotency-Key must have 1 to 255 visible ASCII characters");
        }
    }
}
