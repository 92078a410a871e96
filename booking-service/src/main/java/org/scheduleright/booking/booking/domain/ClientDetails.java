package org.scheduleright.booking.booking.domain;

import java.util.List;
import java.util.Locale;

/**
 * Who a booking is for: name (2–100 characters) and how to reach them, an email address, an E.164 phone or both
 * ({@link ClientContactRule}); {@code toString} masks every field so that personal data never reaches a log.
 *
 * @param email the email address, or {@code null}
 * @param phone the phone number in E.164 form, or {@code null}
 */
public record ClientDetails(String name, String email, String phone) {

    public static final String E164 = ClientContactRule.E164;

    public ClientDetails {
        if (name == null || name.strip().length() < 2 || name.length() > 100) {
            throw new IllegalArgumentException("client name must have 2 to 100 characters");
        }
        email = ClientContactRule.normalise(email);
        phone = ClientContactRule.normalise(phone);
        List<ClientContactRule.Problem> problems = ClientContactRule.problems(email, phone);
        if (!problems.isEmpty()) {
            ClientContactRule.Problem first = problems.get(0);
            throw new IllegalArgumentException(
                    "client " + first.channel().name().toLowerCase(Locale.ROOT) + ": " + first.message());
        }
    }

    @Override
    public String toString() {
        return "ClientDetails[name=***, email=***, phone=***]";
    }
}
