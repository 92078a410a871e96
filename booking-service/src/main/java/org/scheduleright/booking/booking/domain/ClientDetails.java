package org.scheduleright.booking.booking.domain;

import java.util.regex.Pattern;

/**
 * Who a booking is for: name (2–100 characters), email and optional E.164 phone; {@code toString} masks every field so
 * that personal data never reaches a log.
 */
public record ClientDetails(String name, String email, String phone) {

    public static final String E164 = "^\\+[1-9]\\d{1,14}$";

    private static final Pattern PHONE = Pattern.compile(E164);

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

    public ClientDetails {
        if (name == null || name.strip().length() < 2 || name.length() > 100) {
            throw new IllegalArgumentException("client name must have 2 to 100 characters");
        }
        if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("client email must be an email address");
        }
        if (phone != null && phone.isBlank()) {
            phone = null;
        }
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw new IllegalArgumentException("client phone must be in E.164 form such as +447700900123");
        }
    }

    @Override
    public String toString() {
        return "ClientDetails[name=***, email=***, phone=***]";
    }
}
