package org.scheduleright.events.contact;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A client's contact details in clear, as held inside an {@link EncryptedContact}; its {@code toString} masks every
 * field so that it can never leak into a log.
 *
 * @param name the client's name
 * @param email the client's email address, or {@code null}
 * @param phone the client's phone number in E.164 form, or {@code null}; at least one of email and phone is given
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Contact(String name, String email, String phone) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

    public Contact {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("contact name must not be blank");
        }
        if (email != null && email.isBlank()) {
            email = null;
        }
        if (email != null && !email.contains("@")) {
            throw new IllegalArgumentException("contact email must be an email address");
        }
        if (phone != null && phone.isBlank()) {
            phone = null;
        }
        if (email == null && phone == null) {
            throw new IllegalArgumentException("contact needs an email address or a phone number");
        }
        if (phone != null && !E164.matcher(phone).matches()) {
            throw new IllegalArgumentException("contact phone must be in E.164 form such as +447700900123");
        }
    }

    /** Tells whether the client gave a phone number. */
    public boolean hasPhone() {
        return phone != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Contact that
                && name.equals(that.name)
                && Objects.equals(email, that.email)
                && Objects.equals(phone, that.phone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, email, phone);
    }

    @Override
    public String toString() {
        return "Contact[name=***, email=***, phone=***]";
    }
}
