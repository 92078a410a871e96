package org.scheduleright.reminder.reminder.domain;

/** Counts the SMS segments a text needs: GSM-7 (160, or 153 per part) unless a character forces UCS-2 (70, or 67). */
public final class SmsSegments {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    private SmsSegments() {}

    /** Returns how many segments the text is billed as; an empty text is one segment. */
    public static int count(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets += 1;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                return parts(text.length(), 70, 67);
            }
        }
        return parts(septets, 160, 153);
    }

    /** Tells whether the text fits the GSM-7 alphabet. */
    public static boolean isGsm7(String text) {
        return text.chars().allMatch(c -> GSM_BASIC.indexOf(c) >= 0 || GSM_EXTENSION.indexOf(c) >= 0);
    }

    private static int parts(int units, int single, int perPart) {
        return units <= single ? 1 : (units + perPart - 1) / perPart;
    }
}
