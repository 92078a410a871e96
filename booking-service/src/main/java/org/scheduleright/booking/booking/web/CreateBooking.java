package org.scheduleright.booking.booking.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.scheduleright.booking.booking.BookingRequest;
import org.scheduleright.booking.booking.domain.ClientContactRule;
import org.scheduleright.booking.booking.domain.ClientDetails;
import org.scheduleright.booking.booking.domain.ClientNameRule;
import org.scheduleright.booking.slot.domain.SlotId;
import org.scheduleright.events.booking.BookingSource;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import org.scheduleright.platform.error.FieldProblem;

/** The body of a staff or client booking request: a phone, an email or both reach the client. */
record CreateBooking(
        @NotBlank String slotId,
        @NotBlank @Size(min = 2, max = 100) String clientName,
        @Email @Size(max = 254) String clientEmail,

        @Pattern(regexp = ClientDetails.E164, message = "must be in E.164 form such as +447700900123")
        String clientPhone,

        @Size(max = 500) String notes) {

    static final String UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    BookingRequest toRequest(BookingSource source, String clientUserId) {
        return request(slotId, clientName, clientEmail, clientPhone, notes, source, clientUserId);
    }

    static BookingRequest request(
            String slotId,
            String clientName,
            String clientEmail,
            String clientPhone,
            String notes,
            BookingSource source,
            String clientUserId) {
        SlotId slot = SlotId.parseOrNull(slotId);
        if (slot == null) {
            throw ApiException.validation("slotId", "must be a UUID");
        }
        String name = clientName == null ? null : clientName.strip();
        ClientNameRule.problem(name).ifPresent(problem -> {
            throw ApiException.validation("clientName", problem);
        });
        String email = ClientContactRule.normalise(clientEmail);
        String phone = ClientContactRule.normalise(clientPhone);
        List<FieldProblem> contactProblems = ClientContactRule.problems(email, phone).stream()
                .map(problem -> new FieldProblem(field(problem.channel()), problem.message()))
                .toList();
        if (!contactProblems.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "Request validation failed", contactProblems);
        }
        return new BookingRequest(
                slot,
                new ClientDetails(name, email, phone),
                notes == null || notes.isBlank() ? null : notes,
                source,
                clientUserId);
    }

    /** The request field of a contact channel. */
    static String field(ClientContactRule.Channel channel) {
        return switch (channel) {
            case EMAIL -> "clientEmail";
            case PHONE -> "clientPhone";
        };
    }
}
