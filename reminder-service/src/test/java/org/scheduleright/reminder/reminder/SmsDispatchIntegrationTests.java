package org.scheduleright.reminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.booking.BookingConfirmed;
import org.scheduleright.events.booking.BookingCreated;
import org.scheduleright.events.booking.BookingStatus;
import org.scheduleright.events.kafka.CloudEventCodec;
import org.scheduleright.events.reminder.ReminderActivity;
import org.scheduleright.platform.testing.TestInfrastructure;
import org.scheduleright.reminder.ReminderIntegrationTest;
import org.scheduleright.reminder.booking.persistence.KnownBooking;
import org.scheduleright.reminder.booking.persistence.KnownBookings;
import org.scheduleright.reminder.quota.SmsQuotas;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.scheduleright.reminder.reminder.domain.PlannedReminder;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;
import org.scheduleright.reminder.reminder.messaging.ReminderEvents;
import org.scheduleright.reminder.reminder.persistence.OptOuts;
import org.scheduleright.reminder.reminder.persistence.ReminderRow;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.scheduleright.reminder.settings.persistence.OrgReminderSettings;
import org.scheduleright.reminder.sms.LogSmsSender;
import org.scheduleright.reminder.sms.SmsSender;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Due reminders are claimed, re-checked against the booking's latest state and sent exactly once. */
class SmsDispatchIntegrationTests extends ReminderIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    SmsDispatcher dispatcher;

    @Autowired
    Reminders reminders;

    @Autowired
    KnownBookings bookings;

    @Autowired
    OrgReminderSettings settings;

    @Autowired
    OptOuts optOuts;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ReminderEvents events;

    @Autowired
    SmsQuotas quotas;

    private SmsDispatcher worker(SmsSender sender, String name) {
        return new ExtraDispatchers(context).create(name, sender, quotas, meters);
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

    /** Stores a booking directly and plans one reminder for it that is already due; returns the reminder id. */
    private UUID dueReminder(Instant start, String phone, int leadHours) {
        BookingCreated created = created(start, Instant.now(), phone);
        KnownBooking booking = new KnownBooking(
                created.bookingId(),
                created.orgId(),
                created.siteId(),
                BookingStatus.CONFIRMED,
                start,
                created.endTime(),
                created.timezone(),
                null,
                created.contact(),
                created.occurredAt(),
                created.eventId());
        Instant now = Instant.now();
        return bookings.save(booking, now)
                .then(reminders.plan(
                        booking.bookingId(),
                        booking.orgId(),
                        start,
                        new PlannedReminder(leadHours, now.minusSeconds(60), ReminderStatus.SCHEDULED, null),
                        now,
                        null))
                .block();
    }

    @Test
    void sendsAnOverdueReminderAtOnceWithTheAppointmentInSiteLocalTime() throws Exception {
        Instant start = Instant.now().plus(Duration.ofMinutes(90)).truncatedTo(ChronoUnit.MINUTES);
        BookingCreated created = created(start, Instant.now(), "+33612345678");
        publish(created);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> reminders
                                .ofBooking(created.bookingId())
                                .filter(r -> r.status() == ReminderStatus.SCHEDULED)
                                .count()
                                .block()
                        == 1);
        UUID id = reminders
                .ofBooking(created.bookingId())
                .filter(r -> r.status() == ReminderStatus.SCHEDULED)
                .blockFirst()
                .id();

        drain(dispatcher).block();

        ReminderRow sent = reminder(id);
        assertThat(sent.status()).isEqualTo(ReminderStatus.SENT);
        assertThat(sent.twilioSid()).startsWith("SM");
        assertThat(sent.segments()).isEqualTo(1);
        assertThat(sms.sendsOf(id)).isEqualTo(1);
        String localTime = DateTimeFormatter.ofPattern("HH:mm").format(start.atZone(ZoneId.of("Europe/Paris")));
        assertThat(sms.messagesOf(id).get(0).body()).contains("Ana Client").contains(" at " + localTime + ".");
        assertThat(sms.messagesOf(id).get(0).to()).isEqualTo(new PhoneNumber("+33612345678"));
    }

    @Test
    void namesTheSiteAsTheLatestBookingEventThatNamedIt() throws Exception {
        Instant start = Instant.now().plus(Duration.ofMinutes(90)).truncatedTo(ChronoUnit.MINUTES);
        BookingCreated created = atSite(created(start, Instant.now(), "+33612345678"), "Mitte Clinic");
        publish(created);
        await().atMost(Duration.ofSeconds(30)).until(() -> "Mitte Clinic".equals(siteNameOf(created.bookingId())));
        // an event published before names were carried leaves the stored name as it is
        BookingConfirmed unnamed = confirmed(created, created.occurredAt().plusMillis(1));
        publish(unnamed);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> unnamed.eventId()
                        .equals(bookings.find(created.bookingId()).block().lastEventId()));
        assertThat(siteNameOf(created.bookingId())).isEqualTo("Mitte Clinic");
        // a later event with another name wins, for texts sent from then on
        publish(confirmed(created, created.occurredAt().plusMillis(2), "Mitte Clinic East"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "Mitte Clinic East".equals(siteNameOf(created.bookingId())));
        UUID id = reminders
                .ofBooking(created.bookingId())
                .filter(r -> r.status() == ReminderStatus.SCHEDULED)
                .blockFirst()
                .id();

        drain(dispatcher).block();

        assertThat(sms.messagesOf(id)).hasSize(1);
        assertThat(sms.messagesOf(id).get(0).body())
                .contains("your appointment at Mitte Clinic East on")
                .doesNotContain("the site");
    }

    private String siteNameOf(UUID booking) {
        KnownBooking known = bookings.find(booking).block();
        return known == null ? null : known.siteName();
    }

    @Test
    void cancelsInsteadOfSendingWhenTheBookingWasCancelledMeanwhile() {
        Instant start = Instant.now().plus(Duration.ofHours(5));
        UUID id = dueReminder(start, "+33612345678", 6);
        ReminderRow row = reminder(id);
        KnownBooking booking = bookings.find(row.bookingId()).block();
        bookings.save(
                        new KnownBooking(
                                booking.bookingId(),
                                booking.orgId(),
                                booking.siteId(),
                                BookingStatus.CANCELLED,
                                booking.startTime(),
                                booking.endTime(),
                                booking.timezone(),
                                null,
                                booking.contact(),
                                Instant.now(),
                                UUID.randomUUID()),
                        Instant.now())
                .block();

        drain(dispatcher).block();

        assertThat(reminder(id))
                .extracting(ReminderRow::status, ReminderRow::reason)
                .containsExactly(ReminderStatus.CANCELLED, "booking_changed");
        assertThat(sms.sendsOf(id)).isZero();
    }

    @Test
    void skipsAsTooLateWhenTheAppointmentIsNearerThanTheMinimumNotice() {
        UUID id = dueReminder(Instant.now().plus(Duration.ofMinutes(10)), "+33612345678", 1);

        drain(dispatcher).block();

        assertThat(reminder(id))
                .extracting(ReminderRow::status, ReminderRow::reason)
                .containsExactly(ReminderStatus.SKIPPED, "too_late");
        assertThat(sms.sendsOf(id)).isZero();
    }

    @Test
    void skipsNumbersThatOptedOut() {
        String phone = "+3361" + (1000000 + (int) (Math.random() * 8999999));
        optOuts.optOut(new PhoneNumber(phone), Instant.now()).block();
        UUID id = dueReminder(Instant.now().plus(Duration.ofHours(5)), phone, 6);

        drain(dispatcher).block();

        assertThat(reminder(id))
                .extracting(ReminderRow::status, ReminderRow::reason)
                .containsExactly(ReminderStatus.SKIPPED, "opted_out");
        assertThat(sms.sendsOf(id)).isZero();
    }

    @Test
    void recordsSkippedSmsDisabledAndNeverSentWithoutTwilio() {
        LogSmsSender sink = new LogSmsSender(10, Clock.systemUTC());
        UUID id = dueReminder(Instant.now().plus(Duration.ofHours(5)), "+33612345678", 6);

        drain(worker(sink, "log-worker")).block();

        assertThat(reminder(id))
                .extracting(ReminderRow::status, ReminderRow::reason)
                .containsExactly(ReminderStatus.SKIPPED, "sms_disabled");
        assertThat(sink.recent())
                .filteredOn(kept -> kept.reminderId().equals(id))
                .singleElement()
                .satisfies(kept -> {
                    assertThat(kept.note()).contains("not sent");
                    assertThat(kept.maskedTo()).doesNotContain("612345");
                });
    }

    @Test
    void theLogSinkListsEachMessageOnlyToItsOwnOrganisation() {
        LogSmsSender sink = new LogSmsSender(10, Clock.systemUTC());
        UUID first = dueReminder(Instant.now().plus(Duration.ofHours(5)), "+33612345678", 6);
        UUID second = dueReminder(Instant.now().plus(Duration.ofHours(5)), "+33612345679", 6);
        UUID firstOrg = reminder(first).orgId();
        UUID secondOrg = reminder(second).orgId();
        assertThat(firstOrg).isNotEqualTo(secondOrg);

        drain(worker(sink, "log-worker")).block();

        assertThat(sink.recentOf(firstOrg.toString()))
                .extracting(LogSmsSender.Kept::reminderId)
                .containsExactly(first);
        assertThat(sink.recentOf(secondOrg.toString().toUpperCase()))
                .extracting(LogSmsSender.Kept::reminderId)
                .containsExactly(second);
        assertThat(sink.recentOf(UUID.randomUUID().toString())).isEmpty();
        assertThat(sink.recentOf(null)).isEmpty();
        assertThat(sink.recent()).hasSize(2);
    }

    @Test
    void twoWorkersSendEachOfHundredsOfDueRemindersExactlyOnce() {
        Instant start = Instant.now().plus(Duration.ofHours(10));
        List<UUID> ids = Flux.range(0, 300)
                .concatMap(i -> Mono.fromCallable(() -> dueReminder(start, "+33612345678", 1 + i % 3)))
                .collectList()
                .block();

        Flux.merge(drain(worker(sms, "worker-a")), drain(worker(sms, "worker-b")), drain(dispatcher))
                .blockLast();

        assertThat(ids).hasSize(300).allSatisfy(id -> {
            assertThat(sms.sendsOf(id)).as("sends of %s", id).isEqualTo(1);
            assertThat(reminder(id).status()).isEqualTo(ReminderStatus.SENT);
        });
    }

    @Test
    void publishesScheduledAndSentEventsWithoutPersonalData() throws Exception {
        Instant start = Instant.now().plus(Duration.ofMinutes(90));
        BookingCreated created = created(start, Instant.now(), "+33612345678");
        CloudEventCodec<ReminderActivity> codec = CloudEventCodec.of(ReminderActivity.STREAM);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "reminder-events-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(ReminderActivity.TOPIC));
            publish(created);
            List<ReminderActivity> seen = new CopyOnWriteArrayList<>();
            List<String> payloads = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                drain(dispatcher).block();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(created.bookingId().toString())) {
                        seen.add(codec.fromRecord(record));
                        payloads.add(new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
                assertThat(seen)
                        .extracting(event -> event.getClass().getSimpleName())
                        .contains("ReminderScheduled", "ReminderSent");
            });
            assertThat(String.join("\n", payloads))
                    .doesNotContain("+33612345678")
                    .doesNotContain("Ana");
        }
    }
}
