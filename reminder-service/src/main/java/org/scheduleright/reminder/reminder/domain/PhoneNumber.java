package org.scheduleright.reminder.reminder.domain;

import java.util.regex.Pattern;

/** A phone number in E.164 form; its {@code toString} masks it so that it never reaches a log. */
public record PhoneNumber(String e164) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

    public PhoneNumber {
        if (e164 == null || !E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("phone number must be in E.164 form such as +447700900123");
        }
    }

    /** Tells whether a value is a valid E.164 number. */
    public static boolean isValid(String value) {
        return value != null && E164.matcher(value).matches();
    }

    @Override
    public String toString() {
        return "PhoneNumber[***]";
    }
}
