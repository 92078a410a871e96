package org.scheduleright.booking.booking.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a booking's client can be reached: an optional email address and an optional E.164 phone number, at least one of
 * the two (many clients of a care centre have a phone and no email; a reminder needs the phone). A blank value counts
 * as absent.
 */
public final class ClientContactRule {

    /** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
    public static final String E164 = "^\\+[1-9]\\d{1,14}$";

    public static final int MAX_EMAIL_LENGTH = 254;

    private static final Pattern PHONE = Pattern.compile(E164);

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

    /** The two ways to reach a client. */
    public enum Channel {
        EMAIL,
        PHONE
    }

    /** Why one channel's value is refused, as a message safe to show (it never repeats the value). */
    public record Problem(Channel channel, String message) {}

    static final String NEITHER = "give a phone number or an email address (at least one)";

    private ClientContactRule() {}

    /** {@code value} stripped, or {@code null} when it is absent or blank. */
    public static String normalise(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * What is wrong with these contact details (each already {@linkplain #normalise normalised}); empty when they are
     * accepted. Neither given yields one problem per channel, so that each field shows it.
     */
    public static List<Problem> problems(String email, String phone) {
        List<Problem> problems = new ArrayList<>(2);
        if (email == null && phone == null) {
            problems.add(new Problem(Channel.PHONE, NEITHER));
            problems.add(new Problem(Channel.EMAIL, NEITHER));
            return problems;
        }
        if (email != null
                && (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches())) {
            problems.add(new Problem(Channel.EMAIL, "must be a well-formed email address"));
        }
        if (phone != null && !PHONE.matcher(phone).matches()) {
            problems.add(new Problem(Channel.PHONE, "must be in E.164 form such as +447700900123"));
        }
        return problems;
    }
}
