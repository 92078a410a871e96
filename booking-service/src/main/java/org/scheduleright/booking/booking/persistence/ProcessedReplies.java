package org.scheduleright.booking.booking.persistence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The ids ({@code ce_id}) of SMS reply events already acted on, so that a redelivered reply changes nothing. */
@Repository
public class ProcessedReplies {

    private final DatabaseClient db;

    ProcessedReplies(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Records the event id with what the reply did, in the caller's transaction; emits false when it was recorded
     * before.
     */
    public Mono<Boolean> record(UUID eventId, UUID bookingId, String outcome, Instant now) {
        return db.sql("INSERT IGNORE INTO processed_reply_events (ce_id, booking_id, outcome, processed_at)"
                        + " VALUES (:id, :booking, :outcome, :now)")
                .bind("id", eventId.toString())
                .bind("booking", bookingId.toString())
                .bind("outcome", outcome)
                .bind("now", LocalDateTime.ofInstant(now, ZoneOffset.UTC))
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }
}
