package org.scheduleright.reminder.reminder.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.scheduleright.events.kafka.CloudEventCodec;
import org.scheduleright.events.reminder.ReminderActivity;
import org.scheduleright.events.reminder.ReminderReplied;
import org.scheduleright.events.reminder.ReminderScheduled;
import org.scheduleright.events.reminder.ReplyAnswer;
import org.scheduleright.platform.outbox.Outbox;
import org.scheduleright.platform.outbox.OutboxSignal;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Records what happened to a reminder on the reminder activity stream through the transactional outbox: every event
 * is appended in the database transaction of the change it describes, and the outbox relay publishes it once that
 * transaction committed (woken by the commit), so a Kafka outage delays events but loses none. Keyed by booking id
 * (the reminder id for a hand-written message to a bare number), so one booking's events keep their order.
 *
 * <p>Every {@code publish*} method must run inside a transaction, the one of the state change: use
 * {@link #inTransaction(Mono)} around the change and its events when the caller is not in one already.
 */
@Component
public class ReminderEvents {

    private final CloudEventCodec<ReminderActivity> codec = CloudEventCodec.of(ReminderActivity.STREAM);

    private final Outbox outbox;

    private final OutboxSignal signal;

    private final Reminders reminders;

    private final TransactionalOperator transactions;

    private final Clock clock;

    ReminderEvents(
            Outbox outbox,
            OutboxSignal signal,
            Reminders reminders,
            @Qualifier("reminderTransactions") TransactionalOperator transactions,
            Clock clock) {
        this.outbox = outbox;
        this.signal = signal;
        this.reminders = reminders;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Runs a reminder change and the events it records in one (read-committed) transaction, joining the caller's
     * transaction if there is one.
     */
    public <T> Mono<T> inTransaction(Mono<T> change) {
        return transactions.transactional(change);
    }

    /**
     * Records that a reminder of a booking was newly scheduled, from what the planning transaction wrote, without
     * reading the row back. Call inside the planning transaction.
     *
     * @param traceparent the trace context of the planning, carried by the published record, or null
     */
    public Mono<Void> publishScheduled(
            UUID reminderId, UUID bookingId, UUID orgId, Instant plannedAt, Integer leadTimeHours, String traceparent) {
        return Mono.defer(() -> publish(
                new ReminderScheduled(
                        UUID.randomUUID(), reminderId, bookingId, orgId, plannedAt, clock.instant(), leadTimeHours),
                traceparent));
    }

    /**
     * Records that the recipient answered a reminder by SMS, asking to confirm or cancel its booking (booking-service
     * acts on it), in the current transaction: published once it commits. Call inside the transaction that records the
     * inbound message as handled, so that the two are stored together or not at all.
     *
     * @param eventId the event id, derived from the inbound message so that a repeat records the same {@code ce_id}
     * @param leadTimeHours the answered reminder's lead time, or null for another kind of message
     */
    public Mono<Void> publishReply(
            UUID eventId,
            UUID reminderId,
            UUID bookingId,
            UUID orgId,
            ReplyAnswer answer,
            Instant scheduledFor,
            Integer leadTimeHours) {
        return Mono.defer(() -> publish(
                new ReminderReplied(
                        eventId, reminderId, bookingId, orgId, answer, scheduledFor, clock.instant(), leadTimeHours),
                null));
    }

    /** {@link #publishScheduled(UUID, UUID, UUID, Instant, Integer, String)} without trace context. */
    public Mono<Void> publishScheduled(
            UUID reminderId, UUID bookingId, UUID orgId, Instant plannedAt, Integer leadTimeHours) {
        return publishScheduled(reminderId, bookingId, orgId, plannedAt, leadTimeHours, null);
    }

    /**
     * Records the event matching the reminder's status as this transaction sees it, if that status has one (scheduled,
     * sent, delivered, failed, skipped). Call inside the transaction that changed it: it reads the row that
     * transaction wrote, so no other worker's later change can make it miss or misname the status.
     */
    public Mono<Void> publishCurrent(UUID reminderId) {
        return publishCurrent(reminderId, null);
    }

    /**
     * {@link #publishCurrent(UUID)} carrying a trace context.
     *
     * @param traceparent the trace context of the change, carried by the published record, or null
     */
    public Mono<Void> publishCurrent(UUID reminderId, String traceparent) {
        return reminders
                .find(reminderId)
                .map(row -> ActivityOfStatus.of(row, UUID.randomUUID(), clock.instant()))
                .flatMap(event ->
                        event.map(activity -> publish(activity, traceparent)).orElse(Mono.empty()));
    }

    /**
     * Records any reminder activity event (such as a reply) in the current transaction; published once it commits.
     *
     * @param traceparent the trace context to carry, or null
     * @throws IllegalStateException (as the Mono's error) when called outside a transaction
     */
    public Mono<Void> publish(ReminderActivity event, String traceparent) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .onErrorMap(NoTransactionException.class, ReminderEvents::outsideTransaction)
                .flatMap(transaction -> {
                    if (!transaction.isActualTransactionActive()) {
                        return Mono.error(outsideTransaction(null));
                    }
                    transaction.registerSynchronization(new WakeRelayOnCommit(signal));
                    return outbox.append(codec.encode(event, traceparent), clock.instant());
                });
    }

    private static IllegalStateException outsideTransaction(Throwable cause) {
        return new IllegalStateException(
                "Reminder events are recorded in the transaction of their change; wrap it in inTransaction(..)", cause);
    }

    /** Wakes this instance's outbox relay once the transaction that appended events committed. */
    private record WakeRelayOnCommit(OutboxSignal signal) implements TransactionSynchronization {

        @Override
        public Mono<Void> afterCommit() {
            return Mono.fromRunnable(signal::committed);
        }
    }
}
