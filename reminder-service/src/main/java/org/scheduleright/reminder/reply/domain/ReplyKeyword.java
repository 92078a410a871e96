package org.scheduleright.reminder.reply.domain;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an inbound SMS asks of the booking it answers: {@code C}, {@code YES}, {@code Y}, {@code CONFIRM} confirm;
 * {@code X}, {@code CANCEL}, {@code NO} cancel; anything else is not understood. Case, surrounding spaces and common
 * punctuation ("Yes!", " c. ", "'X'") do not matter.
 */
public enum ReplyKeyword {
    CONFIRM,
    CANCEL,
    UNRECOGNISED;

    private static final Set<String> CONFIRMING = Set.of("C", "YES", "Y", "CONFIRM");

    private static final Set<String> CANCELLING = Set.of("X", "CANCEL", "NO");

    private static final Pattern EDGES = Pattern.compile("^[\\p{P}\\p{S}\\s]+|[\\p{P}\\p{S}\\s]+$");

    /** Reads the keyword of a message body; a missing body is not understood. */
    public static ReplyKeyword of(String body) {
        if (body == null) {
            return UNRECOGNISED;
        }
        String word = EDGES.matcher(body.strip()).replaceAll("").toUpperCase(Locale.ROOT);
        if (CONFIRMING.contains(word)) {
            return CONFIRM;
        }
        return CANCELLING.contains(word) ? CANCEL : UNRECOGNISED;
    }
}
