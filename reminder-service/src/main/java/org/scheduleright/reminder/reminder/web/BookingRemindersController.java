package org.scheduleright.reminder.reminder.web;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.scheduleright.platform.auth.AuthenticatedUser;
import org.scheduleright.platform.auth.Role;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.reminder.booking.persistence.KnownBookings;
import org.scheduleright.reminder.reminder.persistence.ReminderRow;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Shows staff the reminders of one booking of their organisation, with planned UTC and site-local times. */
@RestController
class BookingRemindersController {

    /** One reminder as the API shows it. */
    record ReminderView(
            UUID id,
            Integer leadTimeHours,
            Instant plannedAt,
            OffsetDateTime plannedAtLocal,
            String timezone,
            String status,
            String reason,
            Integer segments) {

        static ReminderView of(ReminderRow row, ZoneId zone) {
            return new ReminderView(
                    row.id(),
                    row.leadTimeHours(),
                    row.plannedAt(),
                    row.plannedAt().atZone(zone).toOffsetDateTime(),
                    zone.getId(),
                    row.status().code(),
                    row.reason(),
                    row.segments());
        }
    }

    private final KnownBookings bookings;

    private final Reminders reminders;

    BookingRemindersController(KnownBookings bookings, Reminders reminders) {
        this.bookings = bookings;
        this.reminders = reminders;
    }

    @Operation(summary = "A booking's reminders and their delivery states (STAFF+)")
    @GetMapping("/api/v1/bookings/{bookingId}/reminders")
    Mono<List<ReminderView>> remindersOf(@PathVariable String bookingId, AuthenticatedUser user) {
        user.requireAtLeast(Role.STAFF);
        UUID id = parseOrNotFound(bookingId);
        return bookings.find(id)
                .filter(booking -> user.belongsTo(booking.orgId().toString()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Booking")))
                .flatMap(booking -> reminders
                        .ofBooking(id)
                        .map(row -> ReminderView.of(row, booking.timezone()))
                        .collectList());
    }

    /**
     * A booking id that is not a UUID (a blank one used to reach the repository as null: a 500) names no booking: 404
     * exactly as a missing one.
     */
    private static UUID parseOrNotFound(String bookingId) {
        try {
            return UUID.fromString(bookingId.strip());
        } catch (IllegalArgumentException notAUuid) {
            throw ApiException.notFound("Booking");
        }
    }
}
