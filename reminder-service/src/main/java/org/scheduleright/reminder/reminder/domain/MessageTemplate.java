package org.scheduleright.reminder.reminder.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An SMS template of at most 320 characters using only the known placeholders, validated when it is built. */
public record MessageTemplate(String text) {

    public static final int MAX_LENGTH = 320;

    public static final Set<String> PLACEHOLDERS = Set.of("name", "date", "time", "site", "replyHint");

    /** What {@code {{replyHint}}} reads when the organisation enabled replies; nothing otherwise. */
    public static final String REPLY_HINT = "Reply C to confirm or X to cancel.";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    public static final MessageTemplate DEFAULT = new MessageTemplate(
            "Hi {{name}}, reminder: your appointment at {{site}} on {{date}} at {{time}}. Reply STOP to opt out.");

    /**
     * The one message right after a public booking, when the organisation enabled replies: the number was typed by
     * anyone, so it names neither the client nor more than the site and time, and asks for the confirming reply.
     */
    public static final MessageTemplate CONFIRMATION_REQUEST = new MessageTemplate("{{site}}: please confirm your"
            + " booking on {{date}} at {{time}}. Reply C to confirm or X to cancel. No reminders until confirmed."
            + " Reply STOP to opt out.");

    /** The notice sent when a booking is cancelled and the organisation announces cancellations. */
    public static final MessageTemplate CANCELLATION =
            new MessageTemplate("Hi {{name}}, your appointment at {{site}} on {{date}} at {{time}} has been cancelled."
                    + " Reply STOP to opt out.");

    public MessageTemplate {
        Objects.requireNonNull(text, "template must not be null");
        if (text.isBlank()) {
            throw new IllegalArgumentException("template must not be blank");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "template has " + text.length() + " characters; at most " + MAX_LENGTH + " are allowed");
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            if (!PLACEHOLDERS.contains(matcher.group(1))) {
                throw new IllegalArgumentException("template uses unknown placeholder {{" + matcher.group(1)
                        + "}}; known ones are {{name}}, {{date}}, {{time}}, {{site}} and {{replyHint}}");
            }
        }
        String stripped = PLACEHOLDER.matcher(text).replaceAll("");
        if (stripped.contains("{{") || stripped.contains("}}")) {
            throw new IllegalArgumentException("template has an unclosed placeholder");
        }
    }

    /**
     * Renders the reminder of an appointment with its date and time in the site's time zone; a missing site name
     * reads as "the site".
     */
    public String renderFor(String name, String siteName, Instant start, ZoneId zone) {
        return renderFor(name, siteName, start, zone, false);
    }

    /**
     * Renders like {@link #renderFor(String, String, Instant, ZoneId)}; {@code {{replyHint}}} reads {@link #REPLY_HINT}
     * when replies are enabled and nothing otherwise (without leaving a double space).
     */
    public String renderFor(String name, String siteName, Instant start, ZoneId zone, boolean repliesEnabled) {
        ZonedDateTime local = start.atZone(zone);
        String text = render(Map.of(
                "replyHint",
                repliesEnabled ? REPLY_HINT : "",
                "name",
                name,
                "site",
                siteName == null || siteName.isBlank() ? "the site" : siteName,
                "date",
                DATE.format(local),
                "time",
                TIME.format(local)));
        return repliesEnabled || !this.text.contains("replyHint")
                ? text
                : text.replaceAll(" {2,}", " ").strip();
    }

    /** Fills every occurrence of every placeholder with its value. */
    public String render(Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = Objects.requireNonNull(values.get(matcher.group(1)), "no value for " + matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
