package org.scheduleright.reminder.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scheduleright.events.booking.BookingCancelled;
import org.scheduleright.events.booking.BookingConfirmed;
import org.scheduleright.events.booking.BookingCreated;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.events.booking.BookingRescheduled;
import org.scheduleright.events.booking.BookingSource;
import org.scheduleright.events.booking.BookingStatus;
import org.scheduleright.events.kafka.CloudEventHeaders;
import org.scheduleright.platform.testing.TestInfrastructure;
import org.scheduleright.reminder.ReminderIntegrationTest;
import org.scheduleright.reminder.booking.persistence.KnownBooking;
import org.scheduleright.reminder.booking.persistence.KnownBookings;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;
import org.scheduleright.reminder.reminder.persistence.ReminderRow;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.r2dbc.core.DatabaseClient;

/** Booking events from Kafka become the local booking state and planned, replanned or cancelled reminders. */
@ExtendWith(OutputCaptureExtension.class)
class BookingEventsIntegrationTests extends ReminderIntegrationTest {

    private static final Instant FAR_START =
            Instant.now().plus(Duration.ofDays(4)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(12));

    @Autowired
    Reminders reminders;

    @Autowired
    KnownBookings bookings;

    @Autowired
    DatabaseClient database;

    private List<ReminderRow> remindersOf(UUID bookingId) {
        return reminders.ofBooking(bookingId).collectList().block();
    }

    private KnownBooking bookingOf(UUID bookingId) {
        return bookings.find(bookingId).block();
    }

    private boolean isProcessed(UUID eventId) {
        Long count = database.sql("SELECT COUNT(*) AS n FROM processed_events WHERE ce_id = :id")
                .bind("id", eventId.toString())
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
        return count != null && count > 0;
    }

    @Test
    void plansOneReminderPerDefaultLeadTimeForANewBooking() throws Exception {
        BookingCreated created = created(FAR_START, Instant.now(), "+33612345678");

        publish(created);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(remindersOf(created.bookingId()))
                        .extracting(ReminderRow::leadTimeHours, ReminderRow::plannedAt, ReminderRow::status)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(
                                        24, FAR_START.minus(Duration.ofHours(24)), ReminderStatus.SCHEDULED),
                                org.assertj.core.groups.Tuple.tuple(
                                        2, FAR_START.minus(Duration.ofHours(2)), ReminderStatus.SCHEDULED)));
        assertThat(bookingOf(created.bookingId()).status()).isEqualTo(BookingStatus.PENDING);
    }

    /** Issue 14 item 4: anyone can book publicly for any number, so nobody is texted before staff confirm. */
    @Test
    void plansNothingForAPublicBookingUntilItIsConfirmed() throws Exception {
        BookingCreated created = created(FAR_START, Instant.now(), "+33612345678", BookingSource.PUBLIC);

        publish(created);

        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessed(created.eventId()));
        assertThat(remindersOf(created.bookingId())).isEmpty();
        assertThat(bookingOf(created.bookingId()).status()).isEqualTo(BookingStatus.PENDING);

        publish(confirmed(created, created.occurredAt().plusSeconds(1)));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(remindersOf(created.bookingId()))
                        .extracting(ReminderRow::leadTimeHours, ReminderRow::status)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(24, ReminderStatus.SCHEDULED),
                                org.assertj.core.groups.Tuple.tuple(2, ReminderStatus.SCHEDULED)));
    }

    @Test
    void plansNothingForABookingWithoutPhone() throws Exception {
        BookingCreated created = created(FAR_START, Instant.now(), null);

        publish(created);

        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessed(created.eventId()));
        assertThat(remindersOf(created.bookingId())).isEmpty();
    }

    @Test
    void appliesARedeliveredEventOnlyOnce() throws Exception {
        BookingCreated created = created(FAR_START, Instant.now(), "+33612345678");
        publish(created);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> remindersOf(created.bookingId()).size() == 2);
        List<UUID> firstIds =
                remindersOf(created.bookingId()).stream().map(ReminderRow::id).toList();

        publish(created);
        BookingConfirmed confirmed = confirmed(created, created.occurredAt().plusSeconds(1));
        publish(confirmed);

        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessed(confirmed.eventId()));
        assertThat(remindersOf(created.bookingId())).extracting(ReminderRow::id).containsExactlyElementsOf(firstIds);
        assertThat(bookingOf(created.bookingId()).status()).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void replacesPendingRemindersWhenTheBookingIsRescheduled() throws Exception {
        BookingCreated created = created(FAR_START, Instant.now(), "+33612345678");
        Instant newStart = FAR_START.plus(Duration.ofDays(1)).plus(Duration.ofHours(2));
        publish(created);
        BookingRescheduled rescheduled = new BookingRescheduled(
                UUID.randomUUID(),
                created.bookingId(),
                created.orgId(),
                created.siteId(),
                UUID.randomUUID(),
                newStart,
                newStart.plus(Duration.ofMinutes(30)),
                created.timezone(),
                BookingSource.STAFF,
                created.occurredAt().plusSeconds(5),
                created.contact(),
                created.slotId(),
                created.startTime(),
                created.endTime());
        publish(rescheduled);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(remindersOf(created.bookingId()))
                        .filteredOn(r -> r.status() == ReminderStatus.SCHEDULED)
                        .extracting(ReminderRow::appointmentStart, ReminderRow::plannedAt)
                        .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple(newStart, newStart.minus(Duration.ofHours(24))),
                                org.assertj.core.groups.Tuple.tuple(newStart, newStart.minus(Duration.ofHours(2)))));
        assertThat(remindersOf(created.bookingId()))
                .filteredOn(r -> r.appointmentStart().equals(FAR_START))
                .extracting(ReminderRow::status, ReminderRow::reason)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(ReminderStatus.CANCELLED, "rescheduled"))
                .hasSize(2);
    }

    @Test
    void cancelsPendingRemindersAndALateOlderEventNeverBringsThemBack() throws Exception {
        Instant madeAt = Instant.now().minusSeconds(60);
        BookingCreated created = created(FAR_START, madeAt, "+33612345678");
        publish(created);
        publish(new BookingCancelled(
                UUID.randomUUID(),
                created.bookingId(),
                created.orgId(),
                created.siteId(),
                created.slotId(),
                created.startTime(),
                created.endTime(),
                created.timezone(),
                BookingSource.CLIENT,
                madeAt.plusSeconds(20),
                created.contact()));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(remindersOf(created.bookingId()))
                        .hasSize(2)
                        .extracting(ReminderRow::status, ReminderRow::reason)
                        .containsOnly(
                                org.assertj.core.groups.Tuple.tuple(ReminderStatus.CANCELLED, "booking_cancelled")));

        BookingConfirmed late = confirmed(created, madeAt.plusSeconds(10));
        publish(late);

        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessed(late.eventId()));
        assertThat(remindersOf(created.bookingId()))
                .extracting(ReminderRow::status)
                .containsOnly(ReminderStatus.CANCELLED);
        assertThat(bookingOf(created.bookingId()).status()).isEqualTo(BookingStatus.CANCELLED);
    }

    /**
     * A burst of events of several bookings, interleaved, lands in one or few polls: each booking's events are applied
     * in their order (an event applied after a later one would be logged as stale and leave the wrong start), while
     * the bookings are applied side by side.
     */
    @Test
    void appliesEachBookingsEventsInOrderWhenABurstArrivesInOnePoll(CapturedOutput output) throws Exception {
        Instant madeAt = Instant.now().minusSeconds(600);
        List<BookingCreated> created = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> created(FAR_START, madeAt, "+33612345678"))
                .toList();
        List<BookingLifecycle> burst = new java.util.ArrayList<>();
        created.forEach(burst::add);
        Map<UUID, Instant> lastStart = new java.util.HashMap<>();
        for (int step = 1; step <= 5; step++) {
            for (BookingCreated booking : created) {
                Instant start = FAR_START.plus(Duration.ofHours(step));
                burst.add(rescheduled(booking, start, madeAt.plusSeconds(step)));
                lastStart.put(booking.bookingId(), start);
            }
        }
        for (BookingLifecycle event : burst) {
            kafka.send(BOOKINGS.toRecord(event, null));
        }
        kafka.flush();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> burst.stream().allMatch(event -> isProcessed(event.eventId())));
        for (BookingCreated booking : created) {
            assertThat(bookingOf(booking.bookingId()).startTime()).isEqualTo(lastStart.get(booking.bookingId()));
            assertThat(remindersOf(booking.bookingId()))
                    .filteredOn(r -> r.status() == ReminderStatus.SCHEDULED)
                    .extracting(ReminderRow::appointmentStart)
                    .containsOnly(lastStart.get(booking.bookingId()))
                    .hasSize(2);
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(burst)
                        .allSatisfy(event ->
                                assertThat(output.getOut()).contains("Booking event " + event.eventId() + " of type")));
        assertThat(burst)
                .as("no event of the burst was applied after a later one of its booking")
                .noneSatisfy(event -> assertThat(output.getOut())
                        .containsPattern("Booking event " + event.eventId() + " of type [^\\n]*: stale"));
    }

    private static BookingRescheduled rescheduled(BookingCreated created, Instant newStart, Instant occurredAt) {
        return new BookingRescheduled(
                UUID.randomUUID(),
                created.bookingId(),
                created.orgId(),
                created.siteId(),
                UUID.randomUUID(),
                newStart,
                newStart.plus(Duration.ofMinutes(30)),
                created.timezone(),
                BookingSource.STAFF,
                occurredAt,
                created.contact(),
                created.slotId(),
                created.startTime(),
                created.endTime());
    }

    @Test
    void sendsAnUndecodableEventToTheDeadLetterTopicAndGoesOn() throws Exception {
        BookingCreated poisoned = created(FAR_START, Instant.now(), "+33612345678");
        ProducerRecord<String, byte[]> record = BOOKINGS.toRecord(poisoned, null);
        ProducerRecord<String, byte[]> garbage = new ProducerRecord<>(
                record.topic(), null, null, record.key(), "{not json".getBytes(), record.headers());
        kafka.send(garbage).get();
        BookingCreated next = created(FAR_START, Instant.now(), "+33612345678");
        publish(next);

        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "dlt-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(BookingLifecycle.TOPIC + ".dlt"));
            List<String> deadIds = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> dead : consumer.poll(Duration.ofMillis(200))) {
                    deadIds.add(CloudEventHeaders.value(dead.headers(), CloudEventHeaders.ID));
                }
                assertThat(deadIds).contains(poisoned.eventId().toString());
            });
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessed(next.eventId()));
        assertThat(isProcessed(poisoned.eventId())).isFalse();
    }
}
