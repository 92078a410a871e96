package org.scheduleright.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.events.booking.BookingRescheduled;
import org.scheduleright.events.kafka.CloudEventCodec;
import org.scheduleright.events.kafka.CloudEventHeaders;
import org.scheduleright.events.reminder.ReminderActivity;
import org.scheduleright.events.reminder.ReminderFailed;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records published by earlier releases, stored under {@code samples/}, must still decode: a change that breaks one of
 * them needs a new event version, not an edit of the sample.
 */
class SampleCompatibilityTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, CloudEventCodec<?>> CODECS = Map.of(
            BookingLifecycle.TOPIC, CloudEventCodec.of(BookingLifecycle.STREAM),
            ReminderActivity.TOPIC, CloudEventCodec.of(ReminderActivity.STREAM));

    static Stream<EventType<?>> everyType() {
        return Stream.concat(BookingLifecycle.STREAM.types().stream(), ReminderActivity.STREAM.types().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyType")
    void storedV1SampleStillDeserialises(EventType<?> type) {
        Sample sample = Sample.of(type);

        StreamEvent event = sample.decode();

        assertThat(event).isInstanceOf(type.javaType());
        assertThat(event.eventId().toString()).isEqualTo(sample.header(CloudEventHeaders.ID));
        assertThat(event.bookingId().toString()).isEqualTo(sample.key());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyType")
    void storedV1SampleStillValidatesAgainstItsSchema(EventType<?> type) {
        assertThat(EventSchemas.errors(type, Sample.of(type).value())).isEmpty();
    }

    @Test
    void storedBookingSampleContactStillDecryptsWithTheSampleKey() {
        BookingLifecycle event =
                (BookingLifecycle) Sample.of(BookingRescheduled.TYPE).decode();

        assertThat(Fixtures.CIPHER.decrypt(event.contact())).isEqualTo(Fixtures.ADA);
    }

    @Test
    void storedReminderSampleKeepsItsOptionalFields() {
        ReminderFailed event = (ReminderFailed) Sample.of(ReminderFailed.TYPE).decode();

        assertThat(event.reason()).isEqualTo("twilio:30007");
        assertThat(event.leadTimeHours()).isEqualTo(24);
        assertThat(event.segments()).isNull();
    }

    /** One stored record: key, headers and value as it was published. */
    private record Sample(String topic, JsonNode stored) {

        static Sample of(EventType<?> type) {
            String file = type.schema().replace("events/", "samples/").replace(".schema.json", ".json");
            String topic = type.name().startsWith("org.scheduleright.booking.")
                    ? BookingLifecycle.TOPIC
                    : ReminderActivity.TOPIC;
            return new Sample(topic, JSON.readTree(EventSchemas.text(file)));
        }

        String key() {
            return stored.path("key").asString();
        }

        String header(String name) {
            return stored.path("headers").path(name).asString();
        }

        byte[] value() {
            return JSON.writeValueAsBytes(stored.path("value"));
        }

        StreamEvent decode() {
            RecordHeaders headers = new RecordHeaders();
            stored.path("headers")
                    .properties()
                    .forEach(header -> headers.add(
                            header.getKey(), header.getValue().asString().getBytes(StandardCharsets.UTF_8)));
            ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(topic, 0, 0L, key(), value());
            headers.forEach(record.headers()::add);
            return CODECS.get(topic).fromRecord(record);
        }
    }
}
