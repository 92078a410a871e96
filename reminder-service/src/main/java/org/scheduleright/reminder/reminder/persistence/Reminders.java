package org.scheduleright.reminder.reminder.persistence;

import static org.scheduleright.reminder.support.UtcTimes.fromColumn;
import static org.scheduleright.reminder.support.UtcTimes.toColumn;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.scheduleright.events.contact.EncryptedContact;
import org.scheduleright.reminder.reminder.domain.PlannedReminder;
import org.scheduleright.reminder.reminder.domain.ReminderKind;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The reminders table. A reminder is unique per booking, lead time and appointment start, and only a {@code scheduled}
 * row can be claimed: the claim turns it into {@code sending} under a fresh claim id in the same transaction, and the
 * hand-off to the SMS provider is recorded under that claim before the provider is called, so it is sent at most once
 * and a crash before the hand-off loses nothing.
 */
@Repository
public class Reminders {

    private final DatabaseClient database;

    Reminders(DatabaseClient database) {
        this.database = database;
    }

    /**
     * Plans a reminder unless the same one (booking, lead time, start) exists; one cancelled by a reschedule away
     * from this start comes back. Emits the row's id when a reminder was newly scheduled.
     *
     * @param traceparent the W3C trace context of what planned it, kept for the send to link to, or null
     */
    public Mono<UUID> plan(
            UUID bookingId,
            UUID orgId,
            Instant appointmentStart,
            PlannedReminder planned,
            Instant now,
            String traceparent) {
        UUID id = UUID.randomUUID();
        DatabaseClient.GenericExecuteSpec insert = database.sql(
                        "INSERT IGNORE INTO reminders (id, booking_id, org_id, lead_time_hours, appointment_start,"
                                + " planned_at, status, reason, traceparent, created_at, updated_at) VALUES (:id,"
                                + " :booking, :org, :lead, :start, :planned, :status, :reason, :traceparent, :now, :now)")
                .bind("id", id.toString())
                .bind("booking", bookingId.toString())
                .bind("org", orgId.toString())
                .bind("lead", planned.leadTimeHours())
                .bind("start", toColumn(appointmentStart))
                .bind("planned", toColumn(planned.plannedAt()))
                .bind("status", planned.status().code())
                .bind("now", toColumn(now));
        insert = planned.reason() == null
                ? insert.bindNull("reason", String.class)
                : insert.bind("reason", planned.reason());
        insert = bindNullable(insert, "traceparent", traceparent);
        Mono<Long> revived = planned.status() != ReminderStatus.SCHEDULED
                ? Mono.just(0L)
                : bindNullable(
                                database.sql("UPDATE reminders SET status = 'scheduled', reason = NULL,"
                                        + " planned_at = :planned, traceparent = :traceparent, updated_at = :now"
                                        + " WHERE booking_id = :booking AND lead_time_hours = :lead"
                                        + " AND appointment_start = :start AND status = 'cancelled'"
                                        + " AND reason = :superseded"),
                                "traceparent",
                                traceparent)
                        .bind("planned", toColumn(planned.plannedAt()))
                        .bind("now", toColumn(now))
                        .bind("booking", bookingId.toString())
                        .bind("lead", planned.leadTimeHours())
                        .bind("start", toColumn(appointmentStart))
                        .bind("superseded", RESCHEDULED)
                        .fetch()
                        .rowsUpdated();
        return insert.fetch()
                .rowsUpdated()
                .flatMap(inserted -> inserted > 0 && planned.status() == ReminderStatus.SCHEDULED
                        ? Mono.just(id)
                        : revived.flatMap(rows -> rows > 0 ? Mono.just(id) : Mono.empty()));
    }

    /**
     * Queues a message outside the reminder plan, due at once: sent by hand (about a booking, or with its own text to
     * an encrypted number) or a cancellation notice. Emits false when a message with that id exists already.
     *
     * @param traceparent the W3C trace context of what queued it, kept for the send to link to, or null
     */
    public Mono<Boolean> queue(
            UUID id,
            ReminderKind kind,
            UUID orgId,
            UUID bookingId,
            Instant appointmentStart,
            String body,
            EncryptedContact recipient,
            String requestedBy,
            String phoneHash,
            Instant now,
            String traceparent) {
        return queueAt(
                id,
                kind,
                orgId,
                bookingId,
                appointmentStart,
                body,
                recipient,
                requestedBy,
                phoneHash,
                now,
                now,
                traceparent);
    }

    /**
     * Queues a message like {@link #queue}, due at {@code dueAt} rather than at once (a cancellation notice waiting
     * for the end of quiet hours). Emits false when a message with that id exists already.
     */
    public Mono<Boolean> queueAt(
            UUID id,
            ReminderKind kind,
            UUID orgId,
            UUID bookingId,
            Instant appointmentStart,
            String body,
            EncryptedContact recipient,
            String requestedBy,
            String phoneHash,
            Instant dueAt,
            Instant now,
            String traceparent) {
        DatabaseClient.GenericExecuteSpec spec = database.sql(
                        "INSERT IGNORE INTO reminders (id, booking_id, org_id, lead_time_hours, appointment_start,"
                                + " planned_at, status, kind, body, recipient, requested_by, phone_hash, traceparent,"
                                + " created_at, updated_at) VALUES (:id, :booking, :org, NULL, :start, :due,"
                                + " 'scheduled', :kind, :body, :recipient, :requestedBy, :phoneHash, :traceparent,"
                                + " :now, :now)")
                .bind("id", id.toString())
                .bind("org", orgId.toString())
                .bind("kind", kind.code())
                .bind("due", toColumn(dueAt))
                .bind("now", toColumn(now));
        spec = bookingId == null ? spec.bindNull("booking", String.class) : spec.bind("booking", bookingId.toString());
        spec = appointmentStart == null
                ? spec.bindNull("start", LocalDateTime.class)
                : spec.bind("start", toColumn(appointmentStart));
        spec = body == null ? spec.bindNull("body", String.class) : spec.bind("body", body);
        spec = recipient == null ? spec.bindNull("recipient", String.class) : spec.bind("recipient", recipient.token());
        spec = requestedBy == null ? spec.bindNull("requestedBy", String.class) : spec.bind("requestedBy", requestedBy);
        spec = phoneHash == null ? spec.bindNull("phoneHash", String.class) : spec.bind("phoneHash", phoneHash);
        spec = bindNullable(spec, "traceparent", traceparent);
        return spec.fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /**
     * Skips every reminder still waiting to be sent to a number that just opted out (by any of the number's hashes, see
     * {@code PhoneHasher#candidates}, on the reminder itself or on its booking); emits the ids that changed.
     */
    public Mono<List<UUID>> skipPendingTo(List<String> phoneHashes, String reason, Instant now) {
        return database.sql("SELECT id FROM reminders WHERE status = 'scheduled' AND (phone_hash IN (:hashes)"
                        + " OR booking_id IN (SELECT booking_id FROM bookings WHERE phone_hash IN (:hashes)))")
                .bind("hashes", phoneHashes)
                .map(row -> UUID.fromString(row.get("id", String.class)))
                .all()
                .collectList()
                .flatMap(ids -> ids.isEmpty()
                        ? Mono.just(ids)
                        : database.sql("UPDATE reminders SET status = 'skipped', reason = :reason, updated_at = :now"
                                        + " WHERE status = 'scheduled' AND id IN (:ids)")
                                .bind("reason", reason)
                                .bind("now", toColumn(now))
                                .bind("ids", ids.stream().map(UUID::toString).toList())
                                .fetch()
                                .rowsUpdated()
                                .thenReturn(ids));
    }

    /** The reason given to reminders cancelled because their booking moved to another time. */
    public static final String RESCHEDULED = "rescheduled";

    /** Cancels the booking's reminders still waiting, except those for the given start (null: all of them). */
    public Mono<Long> cancelPending(UUID bookingId, Instant keepStart, String reason, Instant now) {
        String keep = keepStart == null ? "" : " AND appointment_start <> :keep";
        DatabaseClient.GenericExecuteSpec spec = database.sql("UPDATE reminders SET status = 'cancelled',"
                        + " reason = :reason, updated_at = :now WHERE booking_id = :booking AND status = 'scheduled'"
                        + " AND kind = 'reminder'" + keep)
                .bind("reason", reason)
                .bind("now", toColumn(now))
                .bind("booking", bookingId.toString());
        if (keepStart != null) {
            spec = spec.bind("keep", toColumn(keepStart));
        }
        return spec.fetch().rowsUpdated();
    }

    /**
     * Claims the oldest due reminder for one worker under a fresh claim id; run inside a transaction, the selected row
     * stays locked and other workers skip it until the claim commits. A reminder claimed since {@code notClaimedSince}
     * (given back in the current round) is left for a later round. Emits nothing when none is due.
     */
    public Mono<Claim> claimNext(Instant now, Instant notClaimedSince, String worker) {
        return database.sql("SELECT id FROM reminders WHERE status = 'scheduled' AND planned_at <= :now"
                        + " AND (claimed_at IS NULL OR claimed_at < :since)"
                        + " ORDER BY planned_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                .bind("now", toColumn(now))
                .bind("since", toColumn(notClaimedSince))
                .map(row -> UUID.fromString(row.get("id", String.class)))
                .one()
                .flatMap(id -> {
                    Claim claim = new Claim(id, UUID.randomUUID());
                    return database.sql("UPDATE reminders SET status = 'sending', claimed_by = :worker,"
                                    + " claim_id = :claim, claimed_at = :now, handed_over_at = NULL,"
                                    + " updated_at = :now WHERE id = :id AND status = 'scheduled'")
                            .bind("worker", worker)
                            .bind("claim", claim.claimId().toString())
                            .bind("now", toColumn(now))
                            .bind("id", id.toString())
                            .fetch()
                            .rowsUpdated()
                            .flatMap(rows -> rows > 0 ? Mono.just(claim) : Mono.empty());
                });
    }

    /**
     * Records, and with auto-commit commits, that the claimed reminder is about to be handed to the SMS provider; call
     * it right before the provider. Emits false when the claim is no longer this worker's (released by the sweep,
     * finished or re-claimed): the reminder must then not be sent.
     */
    public Mono<Boolean> handOver(Claim claim, Instant now) {
        return handOver(claim, now, null);
    }

    /**
     * Records the hand-off like {@link #handOver(Claim, Instant)}, with the number the SMS leaves from (null: not
     * known), so that a reply to it finds the booking it is about.
     */
    public Mono<Boolean> handOver(Claim claim, Instant now, String sentFrom) {
        return bindNullable(
                        database.sql("UPDATE reminders SET handed_over_at = :now, sent_from = :from, updated_at = :now"
                                + " WHERE id = :id AND status = 'sending' AND claim_id = :claim"
                                + " AND handed_over_at IS NULL"),
                        "from",
                        sentFrom)
                .bind("now", toColumn(now))
                .bind("id", claim.reminderId().toString())
                .bind("claim", claim.claimId().toString())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    public Mono<ReminderRow> find(UUID id) {
        return database.sql("SELECT * FROM reminders WHERE id = :id")
                .bind("id", id.toString())
                .map(Reminders::read)
                .one();
    }

    /** Finds the reminder Twilio knows by that message sid. */
    public Mono<ReminderRow> findBySid(String sid) {
        return database.sql("SELECT * FROM reminders WHERE twilio_sid = :sid")
                .bind("sid", sid)
                .map(Reminders::read)
                .all()
                .next();
    }

    public Flux<ReminderRow> ofBooking(UUID bookingId) {
        return database.sql("SELECT * FROM reminders WHERE booking_id = :booking ORDER BY planned_at, lead_time_hours")
                .bind("booking", bookingId.toString())
                .map(Reminders::read)
                .all();
    }

    /**
     * Records the outcome of a claimed reminder; emits false when the claim was no longer held (the reminder is not
     * {@code sending} under it any more).
     *
     * @param reason the reason code, or null
     * @param segments the text's segment count, or null
     * @param sid the Twilio message sid, or null
     */
    public Mono<Boolean> finish(
            Claim claim, ReminderStatus status, String reason, Integer segments, String sid, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("UPDATE reminders SET status = :status, reason = :reason,"
                        + " segments = :segments, twilio_sid = :sid, updated_at = :now"
                        + " WHERE id = :id AND status = 'sending' AND claim_id = :claim")
                .bind("status", status.code())
                .bind("now", toColumn(now))
                .bind("id", claim.reminderId().toString())
                .bind("claim", claim.claimId().toString());
        spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason);
        spec = segments == null ? spec.bindNull("segments", Integer.class) : spec.bind("segments", segments);
        spec = sid == null ? spec.bindNull("sid", String.class) : spec.bind("sid", sid);
        return spec.fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /**
     * Gives a claimed reminder back to the queue when the worker failed before handing it over; emits false when it was
     * handed over already (it may have been sent) or the claim was lost.
     */
    public Mono<Boolean> release(Claim claim, Instant now) {
        return database.sql("UPDATE reminders SET status = 'scheduled', claimed_by = NULL, claim_id = NULL,"
                        + " updated_at = :now WHERE id = :id AND status = 'sending' AND claim_id = :claim"
                        + " AND handed_over_at IS NULL")
                .bind("now", toColumn(now))
                .bind("id", claim.reminderId().toString())
                .bind("claim", claim.claimId().toString())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** Gives a claimed reminder that was not handed over back to the queue, due again only at {@code until}. */
    public Mono<Boolean> defer(Claim claim, Instant until, Instant now) {
        return database.sql("UPDATE reminders SET status = 'scheduled', claimed_by = NULL, claim_id = NULL,"
                        + " planned_at = :until, updated_at = :now WHERE id = :id AND status = 'sending'"
                        + " AND claim_id = :claim AND handed_over_at IS NULL")
                .bind("until", toColumn(until))
                .bind("now", toColumn(now))
                .bind("id", claim.reminderId().toString())
                .bind("claim", claim.claimId().toString())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /**
     * Gives back to the queue every reminder claimed before {@code claimedBefore} and never handed over: its worker
     * died or stalled before the SMS provider was called, so nothing left and it is sent once by whoever claims it
     * next (the stalled worker's hand-off then fails). Rows claimed before claims had ids are never released.
     */
    public Mono<Long> releaseUnsentClaims(Instant claimedBefore, Instant now) {
        return database.sql("UPDATE reminders SET status = 'scheduled', claimed_by = NULL, claim_id = NULL,"
                        + " updated_at = :now WHERE status = 'sending' AND claim_id IS NOT NULL"
                        + " AND handed_over_at IS NULL AND claimed_at < :before")
                .bind("now", toColumn(now))
                .bind("before", toColumn(claimedBefore))
                .fetch()
                .rowsUpdated();
    }

    /**
     * Marks reminders handed over before {@code handedOverBefore} and still {@code sending} as {@code unknown}: their
     * worker died while the SMS may or may not have left, so they are never sent again. A row claimed before claims
     * had ids (no claim id) counts as handed over at its last change.
     */
    public Mono<Long> abandonStaleClaims(Instant handedOverBefore, Instant now) {
        return database.sql("UPDATE reminders SET status = 'unknown', reason = 'worker_lost', updated_at = :now"
                        + " WHERE status = 'sending' AND (handed_over_at < :before"
                        + " OR (claim_id IS NULL AND updated_at < :before))")
                .bind("now", toColumn(now))
                .bind("before", toColumn(handedOverBefore))
                .fetch()
                .rowsUpdated();
    }

    /**
     * Applies a Twilio status callback to the reminder with that message sid, only forwards: a sent or unknown
     * reminder becomes delivered or failed; a delivered or failed one never changes again. Emits whether one changed.
     */
    public Mono<Boolean> settle(String sid, ReminderStatus status, String reason, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("UPDATE reminders SET status = :status, reason = :reason,"
                        + " updated_at = :now WHERE twilio_sid = :sid AND status IN ('sent', 'unknown')")
                .bind("status", status.code())
                .bind("now", toColumn(now))
                .bind("sid", sid);
        spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason);
        return spec.fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** Counts reminders that are due but not yet claimed. */
    public Mono<Long> countDue(Instant now) {
        return database.sql("SELECT COUNT(*) AS due FROM reminders WHERE status = 'scheduled' AND planned_at <= :now")
                .bind("now", toColumn(now))
                .map(row -> row.get("due", Long.class))
                .one();
    }

    private static ReminderRow read(Readable row) {
        String sid = row.get("twilio_sid", String.class);
        String booking = row.get("booking_id", String.class);
        LocalDateTime start = row.get("appointment_start", LocalDateTime.class);
        String recipient = row.get("recipient", String.class);
        return new ReminderRow(
                UUID.fromString(row.get("id", String.class)),
                booking == null ? null : UUID.fromString(booking),
                UUID.fromString(row.get("org_id", String.class)),
                row.get("lead_time_hours", Integer.class),
                start == null ? null : fromColumn(start),
                fromColumn(row.get("planned_at", LocalDateTime.class)),
                ReminderStatus.ofCode(row.get("status", String.class)),
                row.get("reason", String.class),
                row.get("segments", Integer.class),
                sid,
                ReminderKind.ofCode(row.get("kind", String.class)),
                row.get("body", String.class),
                recipient == null ? null : new EncryptedContact(recipient),
                row.get("traceparent", String.class));
    }

    private static DatabaseClient.GenericExecuteSpec bindNullable(
            DatabaseClient.GenericExecuteSpec spec, String name, String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }
}
