package org.scheduleright.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.events.reminder.ReminderActivity;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The AsyncAPI document must describe exactly the topics and event types the code publishes. */
class AsyncApiDocumentTests {

    private static final JsonNode DOCUMENT =
            YAMLMapper.builder().build().readTree(EventSchemas.text("events/asyncapi.yaml"));

    static Stream<EventStream<?>> everyStream() {
        return Stream.of(BookingLifecycle.STREAM, ReminderActivity.STREAM);
    }

    @Test
    void isAnAsyncApi3Document() {
        assertThat(DOCUMENT.path("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(DOCUMENT.path("defaultContentType").asString()).isEqualTo("application/json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStream")
    void describesEveryEventTypeOfTheStreamOnItsTopic(EventStream<?> stream) {
        JsonNode channel = channelAt(stream.topic());

        List<String> names = new ArrayList<>();
        for (JsonNode message : channel.path("messages")) {
            names.add(resolve(message).path("name").asString());
        }

        assertThat(names)
                .containsExactlyInAnyOrderElementsOf(
                        stream.types().stream().map(EventType::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStream")
    void everyMessageReferencesTheSchemaOfItsTypeAndIsKeyedByBooking(EventStream<?> stream) {
        for (EventType<?> type : stream.types()) {
            JsonNode message = messageNamed(type.name());

            String schemaRef =
                    message.path("payload").path("schema").path("$ref").asString();
            assertThat("events/" + schemaRef.replace("./", "")).isEqualTo(type.schema());
            assertThat(EventSchemas.text(type.schema())).isNotBlank();
            assertThat(message.path("headers")
                            .path("allOf")
                            .get(1)
                            .path("properties")
                            .path("ce_type")
                            .path("const")
                            .asString())
                    .isEqualTo(type.name());
            assertThat(message.path("headers")
                            .path("allOf")
                            .get(1)
                            .path("properties")
                            .path("ce_source")
                            .path("const")
                            .asString())
                    .isEqualTo(stream.source());
            assertThat(resolve(message.path("bindings"))
                            .path("kafka")
                            .path("key")
                            .path("description")
                            .asString())
                    .contains("booking id");
        }
    }

    @Test
    void headersSchemaRequiresEveryCloudEventsAttribute() {
        JsonNode headers = DOCUMENT.path("components").path("schemas").path("cloudEventHeaders");

        List<String> required = new ArrayList<>();
        headers.path("required").forEach(name -> required.add(name.asString()));

        assertThat(required)
                .containsExactlyInAnyOrder(
                        "ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject", "content-type");
        assertThat(headers.path("properties").has("traceparent")).isTrue();
    }

    private static JsonNode channelAt(String topic) {
        for (JsonNode channel : DOCUMENT.path("channels")) {
            if (channel.path("address").asString().equals(topic)) {
                return channel;
            }
        }
        throw new AssertionError("no channel for " + topic);
    }

    private static JsonNode messageNamed(String name) {
        for (JsonNode message : DOCUMENT.path("components").path("messages")) {
            if (message.path("name").asString().equals(name)) {
                return message;
            }
        }
        throw new AssertionError("no message named " + name);
    }

    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asString("");
        return ref.startsWith("#/") ? DOCUMENT.at(ref.substring(1)) : node;
    }
}
