package org.scheduleright.reminder.reply.persistence;

import static org.scheduleright.reminder.support.UtcTimes.fromColumn;

import io.r2dbc.spi.Readable;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.scheduleright.events.booking.BookingStatus;
import org.scheduleright.reminder.reply.domain.ReplyTarget;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Finds the booking an inbound SMS answers: the latest message about a booking (a reminder, one sent by hand, or the
 * confirmation request of a public booking; never a cancellation notice) that left for that number from the number the
 * SMS was sent to, with the booking's state as this service last heard of it.
 */
@Repository
public class ReplyTargets {

    private final DatabaseClient database;

    ReplyTargets(DatabaseClient database) {
        this.database = database;
    }

    /**
     * The latest answerable message to any of the number's hashes ({@code PhoneHasher#candidates}) sent from
     * {@code sentFrom}; empty when there is none.
     */
    public Mono<ReplyTarget> latestAnswerable(List<String> phoneHashes, String sentFrom) {
        return database.sql("SELECT r.id, r.booking_id, r.org_id, r.planned_at, r.lead_time_hours, b.status,"
                        + " b.start_time, b.timezone, b.site_name FROM reminders r"
                        + " JOIN bookings b ON b.booking_id = r.booking_id"
                        + " WHERE b.phone_hash IN (:hashes) AND r.sent_from = :from"
                        + " AND r.status IN ('sent', 'delivered') AND r.kind IN ('reminder', 'manual', 'confirmation')"
                        + " ORDER BY r.handed_over_at DESC, r.updated_at DESC LIMIT 1")
                .bind("hashes", phoneHashes)
                .bind("from", sentFrom)
                .map(ReplyTargets::read)
                .one();
    }

    private static ReplyTarget read(Readable row) {
        return new ReplyTarget(
                UUID.fromString(row.get("id", String.class)),
                UUID.fromString(row.get("booking_id", String.class)),
                UUID.fromString(row.get("org_id", String.class)),
                fromColumn(row.get("planned_at", LocalDateTime.class)),
                row.get("lead_time_hours", Integer.class),
                BookingStatus.fromWireName(row.get("status", String.class)),
                fromColumn(row.get("start_time", LocalDateTime.class)),
                ZoneId.of(row.get("timezone", String.class)),
                row.get("site_name", String.class));
    }
}
