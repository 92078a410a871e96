package org.scheduleright.platform.auth;

/**
 * The contract's password rule, 12 to 128 characters, in one place: request validation, the first ADMIN and the
 * production startup checks all use it.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private PasswordPolicy() {}

    /** What is wrong with {@code password} in one phrase after its name (for example "is shorter than 12 characters"), or null when it is allowed. */
    public static String problem(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "is shorter than " + MIN_LENGTH + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        return null;
    }
}
