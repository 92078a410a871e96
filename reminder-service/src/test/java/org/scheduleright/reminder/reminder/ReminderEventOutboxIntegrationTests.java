package org.scheduleright.reminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.booking.BookingCreated;
import org.scheduleright.events.reminder.ReminderActivity;
import org.scheduleright.events.reminder.ReminderStatus;
import org.scheduleright.platform.outbox.Outbox;
import org.scheduleright.platform.outbox.OutboxProperties;
import org.scheduleright.platform.outbox.OutboxRelay;
import org.scheduleright.platform.testing.OutboxRelays;
import org.scheduleright.platform.testing.Probes;
import org.scheduleright.platform.testing.TestInfrastructure;
import org.scheduleright.reminder.ReminderActivityRecorder;
import org.scheduleright.reminder.ReminderIntegrationTest;
import org.scheduleright.reminder.reminder.domain.ReminderKind;
import org.scheduleright.reminder.reminder.messaging.ReminderEvents;
import org.scheduleright.reminder.reminder.persistence.ReminderRow;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reminder events go through the transactional outbox: recorded with the change they describe, kept while Kafka is
 * unreachable, and published once each and in order per booking when it is back. The test stops the service's relay
 * and runs its own, first against a dead port, then against the live broker.
 */
class ReminderEventOutboxIntegrationTests extends ReminderIntegrationTest {

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRelay serviceRelay;

    @Autowired
    OutboxProperties properties;

    @Autowired
    DatabaseClient db;

    @Autowired
    SmsDispatcher dispatcher;

    @Autowired
    Reminders reminders;

    @Autowired
    ReminderEvents events;

    private final List<OutboxRelay> started = new ArrayList<>();

    @AfterEach
    void restartTheServiceRelay() {
        started.forEach(OutboxRelay::stop);
        if (!serviceRelay.isRunning()) {
            serviceRelay.start();
        }
    }

    @Test
    void eventsRecordedWhileKafkaIsDownArePublishedOnceEachInOrderWhenItIsBack() throws Exception {
        serviceRelay.stop();
        OutboxRelay down = start("outage-" + UUID.randomUUID(), "127.0.0.1:" + Probes.deadPort());
        // two bookings 90 minutes ahead: each plans its 2-hour reminder due at once, which is then sent
        Instant start = Instant.now().plus(Duration.ofMinutes(90));
        BookingCreated first = created(start, Instant.now(), "+33612345678");
        BookingCreated second = created(start, Instant.now(), "+33612345679");
        publish(first);
        publish(second);
        Set<UUID> bookings = Set.of(first.bookingId(), second.bookingId());
        await().atMost(Duration.ofSeconds(30)).until(() -> scheduledOf(bookings) == 2);

        Mono.defer(dispatcher::dispatchDue)
                .repeat()
                .takeUntil(claimed -> claimed == 0)
                .blockLast();

        assertThat(reminders
                        .ofBooking(first.bookingId())
                        .map(ReminderRow::status)
                        .collectList()
                        .block())
                .contains(org.scheduleright.reminder.reminder.domain.ReminderStatus.SENT);
        await().atMost(Duration.ofSeconds(30)).until(() -> down.consecutiveFailures() >= 2);
        assertThat(down.published()).isZero();
        assertThat(unsent(bookings)).isEqualTo(4);

        down.stop();
        started.remove(down);
        start("recovery-" + UUID.randomUUID(), TestInfrastructure.kafkaBootstrapServers());
        await().atMost(Duration.ofSeconds(30)).until(() -> unsent(bookings) == 0);

        try (ReminderActivityRecorder activity = new ReminderActivityRecorder()) {
            List<ReminderActivity> published = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                published.clear();
                published.addAll(activity.ofBookings(bookings));
                return published.size() >= 4;
            });
            assertThat(activity.ofBookings(bookings)).hasSize(4);
            assertThat(published.stream().map(ReminderActivity::eventId).distinct())
                    .hasSize(4);
            Map<UUID, List<ReminderStatus>> perBooking = published.stream()
                    .collect(Collectors.groupingBy(
                            ReminderActivity::bookingId,
                            Collectors.mapping(ReminderActivity::status, Collectors.toList())));
            assertThat(perBooking)
                    .containsOnlyKeys(bookings)
                    .allSatisfy((booking, statuses) ->
                            assertThat(statuses).containsExactly(ReminderStatus.SCHEDULED, ReminderStatus.SENT));
        }
    }

    @Test
    void aHandWrittenMessageToABareNumberIsReportedKeyedByItsOwnId() {
        UUID id = UUID.randomUUID();
        UUID org = UUID.randomUUID();
        Instant now = Instant.now();
        events.inTransaction(reminders
                        .queue(id, ReminderKind.MANUAL, org, null, null, "Hello", null, "staff-1", null, now, null)
                        .then(events.publishCurrent(id)))
                .block();

        try (ReminderActivityRecorder activity = new ReminderActivityRecorder()) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !activity.eventsOf(id).isEmpty());
            ReminderActivity scheduled = activity.eventsOf(id).get(0);
            assertThat(scheduled.bookingId()).isNull();
            assertThat(scheduled.orgId()).isEqualTo(org);
            assertThat(scheduled.subject()).isEqualTo(id);
            assertThat(scheduled.status()).isEqualTo(ReminderStatus.SCHEDULED);
        }
    }

    @Test
    void refusesToRecordAnEventOutsideTheTransactionOfItsChange() {
        UUID id = scheduledReminder(created(Instant.now().plus(Duration.ofDays(3)), Instant.now(), "+33612345678"));

        assertThatThrownBy(() -> events.publishCurrent(id).block())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction");
    }

    private OutboxRelay start(String owner, String bootstrapServers) {
        OutboxRelay relay = OutboxRelays.start(outbox, db, properties, owner, bootstrapServers);
        started.add(relay);
        return relay;
    }

    private long scheduledOf(Set<UUID> bookings) {
        return Flux.fromIterable(bookings)
                .flatMap(reminders::ofBooking)
                .filter(row -> row.status() == org.scheduleright.reminder.reminder.domain.ReminderStatus.SCHEDULED)
                .count()
                .block();
    }

    private long unsent(Set<UUID> bookings) {
        return db.sql("SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL AND subject IN (:subjects)")
                .bind("subjects", bookings.stream().map(UUID::toString).toList())
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }
}
