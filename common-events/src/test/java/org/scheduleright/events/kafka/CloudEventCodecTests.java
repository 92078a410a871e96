package org.scheduleright.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.EncodedEvent;
import org.scheduleright.events.EventEnvelope;
import org.scheduleright.events.Fixtures;
import org.scheduleright.events.UndecodableEventException;
import org.scheduleright.events.UnknownEventTypeException;
import org.scheduleright.events.booking.BookingCreated;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.events.booking.BookingRescheduled;
import org.scheduleright.events.reminder.ReminderActivity;
import org.scheduleright.events.reminder.ReminderSent;

/** CloudEvents binary mode over Kafka: headers and data round trip, and bad records fail with the dead-letter exceptions. */
class CloudEventCodecTests {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final CloudEventCodec<BookingLifecycle> bookings = CloudEventCodec.of(BookingLifecycle.STREAM);

    private final CloudEventCodec<ReminderActivity> reminders = CloudEventCodec.of(ReminderActivity.STREAM);

    @Test
    void producerRecordCarriesTheCloudEventsBinaryHeaders() {
        BookingCreated created = Fixtures.bookingCreated();

        ProducerRecord<String, byte[]> record = bookings.toRecord(created, TRACEPARENT);

        assertThat(record.topic()).isEqualTo("scheduleright.bookings.v1");
        assertThat(record.key()).isEqualTo(created.bookingId().toString());
        Headers headers = record.headers();
        assertThat(header(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(headers, "ce_id")).isEqualTo(created.eventId().toString());
        assertThat(header(headers, "ce_source")).isEqualTo("/booking-service");
        assertThat(header(headers, "ce_type")).isEqualTo("org.scheduleright.booking.created.v1");
        assertThat(header(headers, "ce_time")).isEqualTo("2026-11-20T14:15:30.123Z");
        assertThat(header(headers, "ce_subject")).isEqualTo(created.bookingId().toString());
        assertThat(header(headers, "content-type")).isEqualTo("application/json");
        assertThat(header(headers, "traceparent")).isEqualTo(TRACEPARENT);
    }

    @Test
    void valueIsTheEventDataWithoutTheEventId() {
        BookingCreated created = Fixtures.bookingCreated();

        String value = new String(bookings.toRecord(created, null).value(), StandardCharsets.UTF_8);

        assertThat(value)
                .startsWith("{\"bookingId\":\"" + created.bookingId() + "\"")
                .contains("\"status\":\"pending\"", "\"source\":\"public\"", "\"timezone\":\"Europe/London\"")
                .doesNotContain("eventId", created.eventId().toString());
    }

    @Test
    void everyBookingEventSurvivesAProducerToConsumerRoundTrip() {
        for (BookingLifecycle event : Fixtures.everyBookingEvent()) {
            ConsumerRecord<String, byte[]> consumed = consumed(bookings.toRecord(event, TRACEPARENT));

            assertThat(bookings.fromRecord(consumed)).isEqualTo(event);
            assertThat(CloudEventHeaders.read(consumed.headers()).traceparent()).isEqualTo(TRACEPARENT);
        }
    }

    @Test
    void everyReminderEventSurvivesAProducerToConsumerRoundTrip() {
        for (ReminderActivity event : Fixtures.everyReminderEvent()) {
            ConsumerRecord<String, byte[]> consumed = consumed(reminders.toRecord(event, null));

            assertThat(reminders.fromRecord(consumed)).isEqualTo(event);
            assertThat(header(consumed.headers(), "ce_source")).isEqualTo("/reminder-service");
            assertThat(consumed.headers().lastHeader("traceparent")).isNull();
        }
    }

    @Test
    void bookingEventCarriesTheSiteNameAndDataWithoutItStillDecodes() {
        BookingCreated created = Fixtures.bookingCreated();
        ProducerRecord<String, byte[]> record = bookings.toRecord(created, null);
        String json = new String(record.value(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"siteName\":\"Mitte Clinic\"");

        String withoutSiteName = json.replace(",\"siteName\":\"Mitte Clinic\"", "");
        BookingLifecycle older = bookings.fromRecord(consumed(withValue(record, withoutSiteName)));

        assertThat(older.siteName()).isNull();
        assertThat(older.bookingId()).isEqualTo(created.bookingId());
    }

    @Test
    void reminderEventOfAMessageWithoutBookingIsKeyedByItsReminder() {
        ReminderSent sent = new ReminderSent(
                UUID.randomUUID(), Fixtures.REMINDER, null, Fixtures.ORG, Fixtures.NOW, Fixtures.NOW, null, 1);
        ProducerRecord<String, byte[]> record = reminders.toRecord(sent, null);

        assertThat(record.key()).isEqualTo(Fixtures.REMINDER.toString());
        assertThat(header(record.headers(), "ce_subject")).isEqualTo(Fixtures.REMINDER.toString());
        assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .doesNotContain("bookingId")
                .contains("\"orgId\":\"" + Fixtures.ORG + "\"");
        assertThat(reminders.fromRecord(consumed(record))).isEqualTo(sent);
    }

    @Test
    void outboxRowRebuildsTheSameRecord() {
        BookingRescheduled rescheduled =
                (BookingRescheduled) Fixtures.everyBookingEvent().get(3);
        EncodedEvent encoded = bookings.encode(rescheduled, TRACEPARENT);
        EventEnvelope stored = encoded.envelope();

        EncodedEvent reloaded = EncodedEvent.of(
                encoded.topic(),
                new EventEnvelope(
                        stored.id(),
                        stored.source(),
                        stored.type(),
                        stored.subject(),
                        stored.time(),
                        stored.traceparent()),
                encoded.json());
        ProducerRecord<String, byte[]> relayed = CloudEventCodec.toRecord(reloaded);

        assertThat(reloaded).isEqualTo(encoded);
        assertThat(relayed.key()).isEqualTo(rescheduled.bookingId().toString());
        assertThat(bookings.fromRecord(consumed(relayed))).isEqualTo(rescheduled);
    }

    @Test
    void headersRoundTripThroughKafkaHeaders() {
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                "/booking-service",
                "org.scheduleright.booking.confirmed.v1",
                Fixtures.BOOKING.toString(),
                Instant.parse("2026-11-20T14:15:30.123456Z"),
                TRACEPARENT);

        assertThat(CloudEventHeaders.read(CloudEventHeaders.of(envelope))).isEqualTo(envelope);
    }

    @Test
    void ceTimeWithAnOffsetIsReadAsTheSameInstant() {
        Headers headers = bookings.toRecord(Fixtures.bookingCreated(), null).headers();
        headers.remove("ce_time");
        headers.add("ce_time", "2026-11-20T15:15:30.123+01:00".getBytes(StandardCharsets.UTF_8));

        assertThat(CloudEventHeaders.read(headers).time()).isEqualTo(Fixtures.NOW);
    }

    @Test
    void malformedTraceparentIsDroppedNotFatal() {
        ProducerRecord<String, byte[]> record = bookings.toRecord(Fixtures.bookingCreated(), "not a trace");

        assertThat(record.headers().lastHeader("traceparent")).isNull();
        record.headers().add("traceparent", "garbage".getBytes(StandardCharsets.UTF_8));
        assertThat(CloudEventHeaders.read(record.headers()).traceparent()).isNull();
        assertThat(bookings.fromRecord(consumed(record))).isNotNull();
    }

    @Test
    void unknownCeTypeIsRejected() {
        ProducerRecord<String, byte[]> record = bookings.toRecord(Fixtures.bookingCreated(), null);
        replace(record.headers(), "ce_type", "org.scheduleright.booking.archived.v1");

        assertThatThrownBy(() -> bookings.fromRecord(consumed(record)))
                .isInstanceOf(UnknownEventTypeException.class)
                .hasMessageContaining("org.scheduleright.booking.archived.v1")
                .hasMessageContaining("scheduleright.bookings.v1");
    }

    @Test
    void eventTypeOfAnotherStreamIsRejected() {
        ProducerRecord<String, byte[]> record =
                reminders.toRecord(Fixtures.everyReminderEvent().get(0), null);

        assertThatThrownBy(() -> bookings.fromRecord(consumed(record)))
                .isInstanceOfSatisfying(
                        UnknownEventTypeException.class,
                        e -> assertThat(e.type()).isEqualTo("org.scheduleright.reminder.scheduled.v1"));
    }

    @Test
    void recordWithoutCeTypeIsRejected() {
        ProducerRecord<String, byte[]> record = bookings.toRecord(Fixtures.bookingCreated(), null);
        record.headers().remove("ce_type");

        assertThatThrownBy(() -> bookings.fromRecord(consumed(record)))
                .isInstanceOf(UnknownEventTypeException.class)
                .hasMessageContaining("no ce_type");
    }

    @Test
    void malformedJsonIsRejectedAsUndecodable() {
        ProducerRecord<String, byte[]> record = bookings.toRecord(Fixtures.bookingCreated(), null);
        ConsumerRecord<String, byte[]> consumed = consumed(new ProducerRecord<>(
                record.topic(), null, record.key(), "{\"bookingId\":".getBytes(), record.headers()));

        assertThatThrownBy(() -> bookings.fromRecord(consumed))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("org.scheduleright.booking.created.v1");
    }

    @Test
    void dataThatBreaksTheRecordRulesIsRejectedAsUndecodable() {
        ProducerRecord<String, byte[]> record = bookings.toRecord(Fixtures.bookingCreated(), null);
        String json = new String(record.value(), StandardCharsets.UTF_8)
                .replace("\"source\":\"public\"", "\"source\":\"import\"");

        assertThatThrownBy(() -> bookings.fromRecord(consumed(withValue(record, json))))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("unknown booking source");
    }

    @Test
    void dataMissingARequiredFieldIsRejectedAsUndecodable() {
        ProducerRecord<String, byte[]> record = bookings.toRecord(Fixtures.bookingCreated(), null);
        String json = new String(record.value(), StandardCharsets.UTF_8).replaceFirst("\"slotId\":\"[^\"]+\",", "");

        assertThatThrownBy(() -> bookings.fromRecord(consumed(withValue(record, json))))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("slotId");
    }

    @Test
    void statusContradictingTheTypeIsRejected() {
        ProducerRecord<String, byte[]> record = bookings.toRecord(Fixtures.bookingCreated(), null);
        String json = new String(record.value(), StandardCharsets.UTF_8).replace("\"pending\"", "\"cancelled\"");

        assertThatThrownBy(() -> bookings.fromRecord(consumed(withValue(record, json))))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("status");
    }

    @Test
    void subjectThatIsNotTheDataBookingIsRejected() {
        ProducerRecord<String, byte[]> record = bookings.toRecord(Fixtures.bookingCreated(), null);
        replace(record.headers(), "ce_subject", UUID.randomUUID().toString());

        assertThatThrownBy(() -> bookings.fromRecord(consumed(record)))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("ce_subject");
    }

    @Test
    void otherSpecVersionIsRejected() {
        ProducerRecord<String, byte[]> record = bookings.toRecord(Fixtures.bookingCreated(), null);
        replace(record.headers(), "ce_specversion", "0.3");

        assertThatThrownBy(() -> bookings.fromRecord(consumed(record)))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("ce_specversion");
    }

    @Test
    void nonUuidEventIdIsRejected() {
        ProducerRecord<String, byte[]> record = bookings.toRecord(Fixtures.bookingCreated(), null);
        replace(record.headers(), "ce_id", "42");

        assertThatThrownBy(() -> bookings.fromRecord(consumed(record)))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("ce_id");
    }

    @Test
    void nonJsonContentTypeIsRejected() {
        ProducerRecord<String, byte[]> record = bookings.toRecord(Fixtures.bookingCreated(), null);
        replace(record.headers(), "content-type", "application/avro");

        assertThatThrownBy(() -> bookings.fromRecord(consumed(record)))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("content-type");
    }

    @Test
    void emptyValueIsRejected() {
        ProducerRecord<String, byte[]> record = bookings.toRecord(Fixtures.bookingCreated(), null);

        assertThatThrownBy(() -> bookings.fromRecord(consumed(withValue(record, ""))))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("no data");
    }

    @Test
    void serializerAndDeserializerWriteAndReadBinaryMode() {
        BookingCreated created = Fixtures.bookingCreated();
        Headers headers = new RecordHeaders();
        headers.add("traceparent", TRACEPARENT.getBytes(StandardCharsets.UTF_8));

        try (CloudEventSerializer<BookingLifecycle> serializer = new CloudEventSerializer<>(bookings);
                CloudEventDeserializer<BookingLifecycle> deserializer = new CloudEventDeserializer<>(bookings)) {
            byte[] value = serializer.serialize(BookingLifecycle.TOPIC, headers, created);

            assertThat(header(headers, "ce_type")).isEqualTo("org.scheduleright.booking.created.v1");
            assertThat(header(headers, "traceparent")).isEqualTo(TRACEPARENT);
            assertThat(deserializer.deserialize(BookingLifecycle.TOPIC, headers, value))
                    .isEqualTo(created);
        }
    }

    @Test
    void deserializerRejectsUnknownTypeWithTheDeadLetterException() {
        Headers headers = bookings.toRecord(Fixtures.bookingCreated(), null).headers();
        replace(headers, "ce_type", "com.example.other.v1");

        try (CloudEventDeserializer<BookingLifecycle> deserializer = new CloudEventDeserializer<>(bookings)) {
            assertThatThrownBy(() -> deserializer.deserialize(BookingLifecycle.TOPIC, headers, "{}".getBytes()))
                    .isInstanceOf(UnknownEventTypeException.class);
        }
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> produced) {
        return new ConsumerRecord<>(
                produced.topic(),
                0,
                42L,
                System.currentTimeMillis(),
                TimestampType.CREATE_TIME,
                -1,
                produced.value() == null ? -1 : produced.value().length,
                produced.key(),
                produced.value(),
                new RecordHeaders(produced.headers().toArray()),
                Optional.empty());
    }

    private static ProducerRecord<String, byte[]> withValue(ProducerRecord<String, byte[]> record, String value) {
        return new ProducerRecord<>(
                record.topic(), null, record.key(), value.getBytes(StandardCharsets.UTF_8), record.headers());
    }

    private static void replace(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(Headers headers, String name) {
        return CloudEventHeaders.value(headers, name);
    }
}
