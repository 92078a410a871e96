package org.scheduleright.booking.booking.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.scheduleright.booking.BookingIntegrationTest;
import org.scheduleright.booking.outbox.TopicRecords;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.events.kafka.CloudEventCodec;
import org.scheduleright.events.reminder.ReminderActivity;
import org.scheduleright.events.reminder.ReminderReplied;
import org.scheduleright.events.reminder.ReminderSent;
import org.scheduleright.events.reminder.ReplyAnswer;
import org.scheduleright.platform.testing.TestInfrastructure;

/**
 * A {@code reminder.replied} event on the reminder stream confirms or cancels the booking once per event id, with its
 * booking event (source sms) on the booking stream; other reminder events and replies of another organisation change
 * nothing.
 */
class SmsReplyIntegrationTests extends BookingIntegrationTest {

    private static final CloudEventCodec<ReminderActivity> REMINDERS = CloudEventCodec.of(ReminderActivity.STREAM);

    private static final CloudEventCodec<BookingLifecycle> BOOKINGS = CloudEventCodec.of(BookingLifecycle.STREAM);

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer());

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    private void publish(ReminderActivity event) throws Exception {
        producer.send(REMINDERS.toRecord(event, null)).get(10, TimeUnit.SECONDS);
    }

    private static ReminderReplied reply(UUID eventId, String org, String booking, ReplyAnswer answer) {
        return new ReminderReplied(
                eventId,
                UUID.randomUUID(),
                UUID.fromString(booking),
                UUID.fromString(org),
                answer,
                Instant.now(),
                Instant.now(),
                24);
    }

    private Map<String, Object> booking(String org, String id) {
        return http().get()
                .uri("/api/v1/bookings/{id}", id)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    private int remaining(String org, String site, String slot, Instant start) {
        Map<String, Object> page = http().get()
                .uri(
                        "/api/v1/sites/{site}/availability?from={from}&to={to}",
                        site,
                        start.minusSeconds(60),
                        start.plusSeconds(3600))
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> slots = (List<Map<String, Object>>) page.get("data");
        return slots.stream()
                .filter(s -> slot.equals(s.get("id")))
                .map(s -> ((Number) s.get("remaining")).intValue())
                .findFirst()
                .orElseThrow();
    }

    private List<BookingLifecycle> bookingEvents(String id) {
        return TopicRecords.read(TestInfrastructure.kafkaBootstrapServers(), BookingLifecycle.TOPIC, Set.of(id))
                .stream()
                .map((ConsumerRecord<String, byte[]> record) -> BOOKINGS.fromRecord(record))
                .toList();
    }

    private static List<String> typesAndSources(List<BookingLifecycle> events) {
        return events.stream()
                .map(event -> BookingLifecycle.STREAM.typeOf(event).name() + "/"
                        + event.source().wireName())
                .toList();
    }

    @Test
    void aConfirmingReplyConfirmsOnceAndARepeatedEventIdChangesNothing() throws Exception {
        String org = newOrganisation("Europe/Berlin");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 1);
        String id = (String) book(org, site, slot).get("id");
        UUID eventId = UUID.randomUUID();

        publish(reply(eventId, org, id, ReplyAnswer.CONFIRM));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(booking(org, id).get("status")).isEqualTo("confirmed"));
        // the same event id again, even asking to cancel, is a redelivery: nothing changes
        publish(reply(eventId, org, id, ReplyAnswer.CANCEL));
        publish(new ReminderSent(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.fromString(id),
                UUID.fromString(org),
                Instant.now(),
                Instant.now(),
                24,
                1));
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(typesAndSources(bookingEvents(id)))
                        .containsExactly(
                                "org.scheduleright.booking.created.v1/staff",
                                "org.scheduleright.booking.confirmed.v1/sms"));
        assertThat(booking(org, id).get("status")).isEqualTo("confirmed");
    }

    @Test
    void aCancellingReplyCancelsAndFreesTheSeat() throws Exception {
        String org = newOrganisation("Europe/Berlin");
        String site = newSite(org);
        Instant start = future();
        String slot = newSlot(org, site, start, 1);
        String id = (String) book(org, site, slot).get("id");
        assertThat(remaining(org, site, slot, start)).isZero();

        publish(reply(UUID.randomUUID(), org, id, ReplyAnswer.CANCEL));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(booking(org, id).get("status")).isEqualTo("cancelled"));
        assertThat(booking(org, id).get("cancelReason")).isEqualTo("Cancelled by SMS reply");
        assertThat(remaining(org, site, slot, start)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(typesAndSources(bookingEvents(id)))
                        .contains("org.scheduleright.booking.cancelled.v1/sms"));
    }

    @Test
    void aReplyNamingAnotherOrganisationChangesNothing() throws Exception {
        String org = newOrganisation("Europe/Berlin");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 1);
        String id = (String) book(org, site, slot).get("id");
        String marker =
                (String) book(org, site, newSlot(org, site, future(), 1)).get("id");

        publish(reply(UUID.randomUUID(), UUID.randomUUID().toString(), id, ReplyAnswer.CANCEL));
        publish(reply(UUID.randomUUID(), org, marker, ReplyAnswer.CONFIRM));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(booking(org, marker).get("status")).isEqualTo("confirmed"));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(booking(org, id).get("status")).isEqualTo("pending"));
    }
}
