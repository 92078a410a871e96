package org.scheduleright.platform.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what must never reach a log in clear — email addresses, phone numbers, bearer and JSON web tokens, and the
 * values of password-, secret- and token-named fields — wherever it appears in a rendered line, including messages
 * of exceptions and stack traces.
 */
public final class PersonalDataMasker {

    private record Rule(Pattern pattern, String replacement) {}

    private static final List<Rule> RULES = List.of(
            // compact JWS/JWE (three or five base64url parts starting with a JSON header)
            new Rule(Pattern.compile("eyJ[A-Za-z0-9_-]{2,}(?:\\.[A-Za-z0-9_-]*){2,4}"), "[token]"),
            new Rule(Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}"), "$1[token]"),
            new Rule(
                    Pattern.compile("(?i)((?:password|passwd|secret|token|authorization|auth_token|api_key)"
                            + "(?:\\\\?\")?\\s*[:=]\\s*(?:\\\\?\")?)([^\\s\",;&\\\\}]+)"),
                    "$1***"),
            new Rule(Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"), "***@***"),
            // E.164 and other international numbers written with a leading +, optionally URL-encoded (%2B)
            new Rule(Pattern.compile("(?:\\+|%2B)[1-9][0-9 ().-]{6,18}[0-9]"), "+***"));

    private PersonalDataMasker() {}

    /** The text with every personal detail and secret replaced by a mask. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(masked);
            if (matcher.find()) {
                masked = matcher.replaceAll(rule.replacement());
            }
        }
        return masked;
    }
}
