package org.scheduleright.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scheduleright.events.booking.BookingCreated;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.events.contact.EncryptedContact;
import org.scheduleright.events.kafka.CloudEventCodec;
import org.scheduleright.events.reminder.ReminderActivity;
import org.scheduleright.events.reminder.ReminderReplied;
import org.scheduleright.events.reminder.ReminderSent;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Every serialised event type must satisfy its published JSON Schema, and the schemas must reject what the contract forbids. */
class EventSchemaTests {

    private static final CloudEventCodec<BookingLifecycle> BOOKINGS = CloudEventCodec.of(BookingLifecycle.STREAM);

    private static final CloudEventCodec<ReminderActivity> REMINDERS = CloudEventCodec.of(ReminderActivity.STREAM);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<Arguments> everyEvent() {
        return Stream.concat(
                Fixtures.everyBookingEvent().stream()
                        .map(event -> Arguments.of(BookingLifecycle.STREAM.typeOf(event), BOOKINGS.serialize(event))),
                Fixtures.everyReminderEvent().stream()
                        .map(event -> Arguments.of(ReminderActivity.STREAM.typeOf(event), REMINDERS.serialize(event))));
    }

    static Stream<EventType<?>> everyType() {
        return Stream.concat(BookingLifecycle.STREAM.types().stream(), ReminderActivity.STREAM.types().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEvent")
    void serialisedEventValidatesAgainstItsSchema(EventType<?> type, byte[] data) {
        assertThat(EventSchemas.errors(type, data)).isEmpty();
    }

    @Test
    void serialisedBookingCreatedValidatesAgainstItsSchema() {
        byte[] data = BOOKINGS.serialize(Fixtures.bookingCreated());

        assertThat(EventSchemas.errors(BookingCreated.TYPE, data)).isEmpty();
    }

    @Test
    void reminderEventWithoutBookingValidatesAgainstItsSchema() {
        byte[] data = REMINDERS.serialize(new ReminderSent(
                UUID.randomUUID(), Fixtures.REMINDER, null, Fixtures.ORG, Fixtures.NOW, Fixtures.NOW, null, 1));

        assertThat(EventSchemas.errors(ReminderSent.TYPE, data)).isEmpty();
    }

    @Test
    void bookingPayloadWithABlankSiteNameFailsValidation() {
        ObjectNode data = (ObjectNode) JSON.readTree(BOOKINGS.serialize(Fixtures.bookingCreated()));
        data.put("siteName", "");

        assertThat(EventSchemas.errors(BookingCreated.TYPE, JSON.writeValueAsBytes(data)))
                .isNotEmpty();
    }

    @Test
    void bothStreamsTogetherCoverTwelveEventTypes() {
        assertThat(everyEvent()).hasSize(12);
        assertThat(everyType().map(EventType::javaType)).doesNotHaveDuplicates().hasSize(12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyType")
    void everySchemaIsAValidDraft202012SchemaThatForbidsUnknownFields(EventType<?> type) {
        assertThat(EventSchemas.metaSchemaErrors(type)).isEmpty();
        ObjectNode schema = (ObjectNode) JSON.readTree(EventSchemas.text(type.schema()));
        assertThat(schema.path("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("title").asString()).isEqualTo(type.name());
        assertThat(schema.path("additionalProperties").isBoolean()).isTrue();
        assertThat(schema.path("additionalProperties").asBoolean()).isFalse();
    }

    @Test
    void everySchemaFileBelongsToAnEventType() throws IOException, URISyntaxException {
        Path folder = Path.of(
                EventSchemas.class.getClassLoader().getResource("events").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            List<String> schemaFiles = files.map(file -> "events/" + file.getFileName())
                    .filter(name -> name.endsWith(".schema.json"))
                    .toList();
            assertThat(schemaFiles)
                    .containsExactlyInAnyOrderElementsOf(
                            everyType().map(EventType::schema).toList());
        }
    }

    @Test
    void contactPatternOfTheSchemaIsTheOneTheRecordEnforces() {
        ObjectNode schema = (ObjectNode) JSON.readTree(EventSchemas.text(BookingCreated.TYPE.schema()));

        assertThat(schema.path("properties").path("contact").path("pattern").asString())
                .isEqualTo(EncryptedContact.PATTERN);
    }

    @Test
    void bookingPayloadWithAnUnknownFieldFailsValidation() {
        ObjectNode data = bookingCreatedData();
        data.put("cancelReason", "Ada is ill");

        assertThat(EventSchemas.errors(BookingCreated.TYPE, data.toString())).isNotEmpty();
    }

    @Test
    void bookingPayloadWithClearTextContactFailsValidation() {
        ObjectNode data = bookingCreatedData();
        data.putObject("contact").put("name", "Ada Lovelace").put("email", "ada@example.org");

        assertThat(EventSchemas.errors(BookingCreated.TYPE, data.toString())).isNotEmpty();
    }

    @Test
    void bookingPayloadWithAMalformedUuidFailsValidation() {
        ObjectNode data = bookingCreatedData();
        data.put("bookingId", "booking-42");

        assertThat(EventSchemas.errors(BookingCreated.TYPE, data.toString())).isNotEmpty();
    }

    @Test
    void bookingPayloadWithAMalformedTimeFailsValidation() {
        ObjectNode data = bookingCreatedData();
        data.put("startTime", "1 December 2026, 9am");

        assertThat(EventSchemas.errors(BookingCreated.TYPE, data.toString())).isNotEmpty();
    }

    @Test
    void bookingPayloadWithoutARequiredFieldFailsValidation() {
        ObjectNode data = bookingCreatedData();
        data.remove("slotId");

        assertThat(EventSchemas.errors(BookingCreated.TYPE, data.toString())).isNotEmpty();
    }

    @Test
    void bookingPayloadWithAStatusOtherThanItsTypeFailsValidation() {
        ObjectNode data = bookingCreatedData();
        data.put("status", "cancelled");

        assertThat(EventSchemas.errors(BookingCreated.TYPE, data.toString())).isNotEmpty();
    }

    @Test
    void bookingPayloadWithAnUnknownSourceFailsValidation() {
        ObjectNode data = bookingCreatedData();
        data.put("source", "import");

        assertThat(EventSchemas.errors(BookingCreated.TYPE, data.toString())).isNotEmpty();
    }

    @Test
    void confirmationOrCancellationBySmsValidatesWithTheSmsSource() {
        ObjectNode data = bookingCreatedData();
        data.put("source", "sms");

        assertThat(EventSchemas.errors(BookingCreated.TYPE, data.toString())).isEmpty();
    }

    @Test
    void replyPayloadWithTheTextOfTheReplyFailsValidation() {
        ObjectNode data = (ObjectNode)
                JSON.readTree(REMINDERS.serialize(Fixtures.everyReminderEvent().get(5)));
        assertThat(EventSchemas.errors(ReminderReplied.TYPE, data.toString())).isEmpty();
        data.put("body", "Yes!");

        assertThat(EventSchemas.errors(ReminderReplied.TYPE, data.toString())).isNotEmpty();
    }

    @Test
    void reminderPayloadWithAPhoneNumberFailsValidation() {
        ObjectNode data = (ObjectNode)
                JSON.readTree(REMINDERS.serialize(Fixtures.everyReminderEvent().get(1)));
        data.put("phoneNumber", "+447700900123");

        assertThat(EventSchemas.errors(ReminderSent.TYPE, data.toString())).isNotEmpty();
    }

    private static ObjectNode bookingCreatedData() {
        ObjectNode data = (ObjectNode) JSON.readTree(BOOKINGS.serialize(Fixtures.bookingCreated()));
        assertThat(EventSchemas.errors(BookingCreated.TYPE, data.toString())).isEmpty();
        return data;
    }
}
