package org.scheduleright.booking.booking.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which client names a booking accepts. The name is rendered into the reminder SMS sent from the platform's number, so
 * it must read as a person's name and nothing else: letters of any script (with their combining marks), single spaces,
 * apostrophes ({@code '} and {@code ’}), hyphens and periods; 2–100 characters; at least one letter. Digits, control
 * and format characters, symbols, {@code :}, {@code /}, {@code @} are refused, and a period must be followed by a space,
 * a hyphen or the end of the name, so that neither a URL, a domain name ({@code evil.example}), a phone number nor an
 * instruction with digits can be smuggled into a message. Initials are written {@code J. R. Smith}.
 */
public final class ClientNameRule {

    /** Shortest and longest name, in characters (code points). */
    public static final int MIN_LENGTH = 2;

    public static final int MAX_LENGTH = 100;

    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M} '’.\\-]+");

    private static final Pattern DOT_JOINS_WORDS = Pattern.compile("\\.[^ \\-]");

    private static final Pattern DOUBLE_SPACE = Pattern.compile(" {2}");

    private static final Pattern LETTER = Pattern.compile("\\p{L}");

    private ClientNameRule() {}

    /** Why {@code name} is refused, as a message safe to show (it never repeats the name), or empty when accepted. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("must not be blank");
        }
        int length = name.codePointCount(0, name.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return Optional.of("must have " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(name).matches()) {
            return Optional.of("may contain only letters, spaces, apostrophes, hyphens and periods");
        }
        if (!LETTER.matcher(name).find()) {
            return Optional.of("must contain a letter");
        }
        if (DOT_JOINS_WORDS.matcher(name).find()) {
            return Optional.of("a period must be followed by a space or a hyphen (no web or email addresses)");
        }
        if (DOUBLE_SPACE.matcher(name).find() || !name.equals(name.strip())) {
            return Optional.of("must not start or end with a space, nor contain two spaces in a row");
        }
        return Optional.empty();
    }
}
