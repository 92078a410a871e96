package org.scheduleright.platform.logging;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what must never reach a log in clear — email addresses, phone numbers, bearer and JSON web tokens, and the
 * values of password-, secret- and token-named fields — wherever it appears in a rendered line, including messages
 * of exceptions and stack traces.
 */
public final class PersonalDataMasker {

    /**
     * A pattern, its replacement, and a cheap test that is true for every text the pattern can match (a scan for the
     * characters or words every match contains), so that the lines that cannot hold such data — nearly all of them —
     * are never run through the regular expression.
     */
    private record Rule(Pattern pattern, String replacement, Predicate<String> mayMatch) {}

    private static final List<Rule> RULES = List.of(
            // compact JWS/JWE (three or five base64url parts starting with a JSON header)
            new Rule(
                    Pattern.compile("eyJ[A-Za-z0-9_-]{2,}(?:\\.[A-Za-z0-9_-]*){2,4}"),
                    "[token]",
                    text -> text.contains("eyJ")),
            new Rule(
                    Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}"),
                    "$1[token]",
                    text -> containsIgnoringCase(text, "bearer")),
            new Rule(
                    Pattern.compile("(?i)((?:password|passwd|secret|token|authorization|auth_token|api_key)"
                            + "(?:\\\\?\")?\\s*[:=]\\s*(?:\\\\?\")?)([^\\s\",;&\\\\}]+)"),
                    "$1***",
                    text -> containsIgnoringCase(text, "passw")
                            || containsIgnoringCase(text, "secret")
                            || containsIgnoringCase(text, "token")
                            || containsIgnoringCase(text, "authorization")
                            || containsIgnoringCase(text, "api_key")),
            new Rule(
                    Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"),
                    "***@***",
                    PersonalDataMasker::mayHoldEmail),
            // E.164 and other international numbers written with a leading +, optionally URL-encoded (%2B)
            new Rule(
                    Pattern.compile("(?:\\+|%2B)[1-9][0-9 ().-]{6,18}[0-9]"),
                    "+***",
                    PersonalDataMasker::mayHoldPhoneNumber));

    private PersonalDataMasker() {}

    /** The text with every personal detail and secret replaced by a mask. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (Rule rule : RULES) {
            if (!rule.mayMatch().test(masked)) {
                continue;
            }
            Matcher matcher = rule.pattern().matcher(masked);
            if (matcher.find()) {
                masked = matcher.replaceAll(rule.replacement());
            }
        }
        return masked;
    }

    private static boolean containsIgnoringCase(String text, String word) {
        for (int i = 0; i <= text.length() - word.length(); i++) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    /** Whether an {@code @} stands between a character of a local part and one of a domain. */
    private static boolean mayHoldEmail(String text) {
        for (int at = text.indexOf('@', 1); at > 0 && at < text.length() - 1; at = text.indexOf('@', at + 1)) {
            char before = text.charAt(at - 1);
            char after = text.charAt(at + 1);
            if ((isAsciiLetterOrDigit(before) || "._%+-".indexOf(before) >= 0)
                    && (isAsciiLetterOrDigit(after) || after == '-')) {
                return true;
            }
        }
        return false;
    }

    /** Whether a {@code +} or {@code %2B} is followed by a digit 1–9. */
    private static boolean mayHoldPhoneNumber(String text) {
        for (int i = 0; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '+' && isNonZeroDigit(text.charAt(i + 1))
                    || c == '%'
                            && text.startsWith("2B", i + 1)
                            && i + 3 < text.length()
                            && isNonZeroDigit(text.charAt(i + 3))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isNonZeroDigit(char c) {
        return c >= '1' && c <= '9';
    }
}
