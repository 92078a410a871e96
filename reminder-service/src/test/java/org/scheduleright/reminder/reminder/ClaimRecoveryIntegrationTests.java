package org.scheduleright.reminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scheduleright.reminder.ReminderIntegrationTest;
import org.scheduleright.reminder.quota.SmsQuotas;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;
import org.scheduleright.reminder.reminder.persistence.Claim;
import org.scheduleright.reminder.reminder.persistence.ReminderRow;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.scheduleright.reminder.support.UtcTimes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * A crash loses no reminder that was never sent (issue 17, item 7): a claim never handed to the SMS provider goes back
 * to the queue after claim-release-after (1 min) and is sent once; a handed-over one is never released nor resent and
 * becomes unknown after claim-timeout (10 min); a worker that lost its claim can no longer hand the reminder over.
 */
class ClaimRecoveryIntegrationTests extends ReminderIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    SmsDispatcher dispatcher;

    @Autowired
    Reminders reminders;

    @Autowired
    SmsQuotas quotas;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DatabaseClient database;

    @Autowired
    @Qualifier("claimTransactions")
    TransactionalOperator claimTransactions;

    @BeforeEach
    void sendWhatOtherTestsLeftDue() {
        drain(dispatcher).block();
    }

    @Test
    void aClaimNeverHandedOverGoesBackToTheQueueAfterTheReleaseDelayAndIsSentOnce() {
        UUID id = dueReminder();
        Claim lost = claim("crashed-worker");
        assertThat(lost.reminderId()).isEqualTo(id);
        assertThat(reminder(id).status()).isEqualTo(ReminderStatus.SENDING);

        sweepAfter(Duration.ofSeconds(30));
        assertThat(reminder(id).status())
                .as("released before claim-release-after")
                .isEqualTo(ReminderStatus.SENDING);

        sweepAfter(Duration.ofMinutes(2));
        assertThat(reminder(id).status()).isEqualTo(ReminderStatus.SCHEDULED);
        assertThat(column(id, "claim_id")).isNull();
        assertThat(column(id, "claimed_by")).isNull();

        drain(dispatcher).block();

        assertThat(reminder(id).status()).isEqualTo(ReminderStatus.SENT);
        assertThat(sms.sendsOf(id)).isEqualTo(1);
    }

    @Test
    void aWorkerWhoseClaimWasReleasedCanNeitherHandItOverNorRecordAnOutcome() {
        UUID id = dueReminder();
        Claim stalled = claim("stalled-worker");
        sweepAfter(Duration.ofMinutes(2));
        Claim current = claim("other-worker");
        assertThat(current.reminderId()).isEqualTo(id);
        assertThat(current.claimId()).isNotEqualTo(stalled.claimId());

        assertThat(reminders.handOver(stalled, Instant.now()).block()).isFalse();
        assertThat(reminders
                        .finish(stalled, ReminderStatus.CANCELLED, "booking_changed", null, null, Instant.now())
                        .block())
                .isFalse();
        assertThat(reminders.release(stalled, Instant.now()).block()).isFalse();
        assertThat(column(id, "handed_over_at")).isNull();
        assertThat(column(id, "claim_id")).isEqualTo(current.claimId().toString());

        assertThat(reminders.handOver(current, Instant.now()).block()).isTrue();
        assertThat(reminders.handOver(current, Instant.now()).block())
                .as("handed over once only")
                .isFalse();
        assertThat(reminders.release(current, Instant.now()).block())
                .as("a handed-over reminder may have been sent: never back to the queue")
                .isFalse();
        assertThat(reminders
                        .finish(current, ReminderStatus.SENT, null, 1, "SM-claim", Instant.now())
                        .block())
                .isTrue();
        assertThat(reminder(id).status()).isEqualTo(ReminderStatus.SENT);
    }

    @Test
    void aReminderHandedOverByAWorkerThatDiedIsNeverResentAndEndsUnknown() {
        UUID id = dueReminder();
        // The provider never answers and the worker dies mid-call: the hand-off is recorded, the outcome never.
        SmsDispatcher dying =
                new ExtraDispatchers(context).create("dying-worker", message -> Mono.never(), quotas, meters);
        Disposable inFlight = dying.dispatchDue().subscribe();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> column(id, "handed_over_at") != null);
        } finally {
            inFlight.dispose();
        }

        sweepAfter(Duration.ofMinutes(2));
        drain(dispatcher).block();
        assertThat(reminder(id).status()).as("never released").isEqualTo(ReminderStatus.SENDING);

        sweepAfter(Duration.ofMinutes(11));
        drain(dispatcher).block();
        assertThat(reminder(id))
                .extracting(ReminderRow::status, ReminderRow::reason)
                .containsExactly(ReminderStatus.UNKNOWN, "worker_lost");
        assertThat(sms.sendsOf(id)).isZero();
    }

    @Test
    void aClaimTakenBeforeClaimIdsExistedCountsAsHandedOver() {
        UUID id = dueReminder();
        database.sql(
                        "UPDATE reminders SET status = 'sending', claimed_by = 'old-version', updated_at = :now WHERE id = :id")
                .bind("now", UtcTimes.toColumn(Instant.now()))
                .bind("id", id.toString())
                .then()
                .block();

        sweepAfter(Duration.ofMinutes(2));
        assertThat(reminder(id).status()).isEqualTo(ReminderStatus.SENDING);

        sweepAfter(Duration.ofMinutes(11));
        assertThat(reminder(id))
                .extracting(ReminderRow::status, ReminderRow::reason)
                .containsExactly(ReminderStatus.UNKNOWN, "worker_lost");
        assertThat(sms.sendsOf(id)).isZero();
    }

    /** A booking two days ahead whose reminder has been due for a month, so that it is the first one claimed. */
    private UUID dueReminder() {
        UUID id = scheduledReminder(created(Instant.now().plus(Duration.ofDays(2)), Instant.now(), "+33612345678"));
        database.sql("UPDATE reminders SET planned_at = :due WHERE id = :id")
                .bind("due", UtcTimes.toColumn(Instant.now().minus(Duration.ofDays(30))))
                .bind("id", id.toString())
                .then()
                .block();
        return id;
    }

    private Claim claim(String worker) {
        Instant now = Instant.now();
        return claimTransactions
                .transactional(reminders.claimNext(now, now, worker))
                .block();
    }

    /** Sweeps stale claims as a replica whose clock is {@code ahead} in the future would. */
    private void sweepAfter(Duration ahead) {
        new ExtraDispatchers(context)
                .create("sweeper", sms, quotas, meters, Clock.offset(Clock.systemUTC(), ahead))
                .recoverStaleClaims()
                .block();
    }

    private static Mono<Integer> drain(SmsDispatcher worker) {
        return Mono.defer(worker::dispatchDue)
                .repeat()
                .takeUntil(claimed -> claimed == 0)
                .reduce(0, Integer::sum);
    }

    private ReminderRow reminder(UUID id) {
        return reminders.find(id).block();
    }

    /** One column of the reminder as text (times as LocalDateTime), or null. */
    private Object column(UUID id, String name) {
        return database.sql("SELECT " + name + " AS value FROM reminders WHERE id = :id")
                .bind("id", id.toString())
                .map(row -> Optional.ofNullable(row.get("value")))
                .one()
                .block()
                .map(value -> value instanceof LocalDateTime ? value : (Object) value.toString())
                .orElse(null);
    }
}
