package org.scheduleright.reminder.sms;

import java.util.Objects;
import java.util.UUID;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;

/**
 * An SMS to send for a reminder of organisation {@code orgId} (null only for a platform ADMIN's own manual send); its
 * {@code toString} shows neither number nor text.
 */
public record SmsMessage(UUID reminderId, UUID orgId, PhoneNumber to, String body) {

    public SmsMessage {
        Objects.requireNonNull(reminderId, "reminderId must not be null");
        Objects.requireNonNull(to, "to must not be null");
        Objects.requireNonNull(body, "body must not be null");
    }

    @Override
    public String toString() {
        return "SmsMessage[reminder=" + reminderId + ", " + body.length() + " chars]";
    }
}
