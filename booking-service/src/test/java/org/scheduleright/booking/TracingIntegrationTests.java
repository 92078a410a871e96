package org.scheduleright.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.scheduleright.platform.testing.LogLines.value;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scheduleright.booking.outbox.TopicRecords;
import org.scheduleright.events.EncodedEvent;
import org.scheduleright.events.EventEnvelope;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.platform.outbox.KafkaEventPublisher;
import org.scheduleright.platform.testing.LogLines;
import org.scheduleright.platform.testing.Probes;
import org.scheduleright.platform.testing.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A booking request is one trace: the server span, its database queries, and the outbox publish of its event once
 * Kafka acknowledged it, whose context the record carries on; the request's log line names the same trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingIntegrationTests extends BookingIntegrationTest {

    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Autowired
    InMemorySpanExporter exporter;

    @Autowired
    DatabaseClient db;

    @Autowired
    Tracer tracer;

    @Autowired
    Propagator propagator;

    @Test
    void aBookingRequestIsOneTraceFromTheServerSpanThroughItsQueriesToTheOutboxPublish(CapturedOutput output) {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 2);
        String traceId = UUID.randomUUID().toString().replace("-", "");

        String id = (String) http().post()
                .uri("/api/v1/sites/{site}/bookings", site)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .header("traceparent", "00-" + traceId + "-" + CALLER_SPAN + "-01")
                .bodyValue(bookingBody(slot))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");

        List<SpanData> trace = await().atMost(Duration.ofSeconds(30))
                .until(() -> spansOf(traceId), spans -> spans.stream().anyMatch(this::isPublish));
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));

        SpanData server = only(trace, span -> span.getKind() == SpanKind.SERVER);
        assertThat(server.getParentSpanId())
                .as("the server span continues the caller's trace")
                .isEqualTo(CALLER_SPAN);
        assertThat(server.getName()).isEqualTo("http post /api/v1/sites/{siteId}/bookings");

        List<SpanData> queries =
                trace.stream().filter(span -> span.getName().equals("query")).toList();
        assertThat(queries).as("the request's database queries").isNotEmpty();
        assertThat(queries).allSatisfy(query -> {
            assertThat(query.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(descendsFrom(query, server, byId)).isTrue();
            assertThat(query.getAttributes().asMap().keySet())
                    .as("query spans carry the SQL text, never the bound values")
                    .noneMatch(key -> key.getKey().startsWith("r2dbc.params"));
        });
        assertThat(queries)
                .flatExtracting(query -> query.getAttributes().asMap().entrySet().stream()
                        .filter(entry -> entry.getKey().getKey().startsWith("r2dbc.query"))
                        .map(entry -> entry.getValue().toString())
                        .toList())
                .anySatisfy(sql -> assertThat(sql).startsWith("INSERT INTO outbox"))
                .as("connections are validated with a ping, not a query traced on every acquisition")
                .doesNotContain("SELECT 1");

        SpanData publish = only(trace, this::isPublish);
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(publish.getParentSpanId())
                .as("the publish span is a child of the context stored with the event")
                .isEqualTo(storedTraceparent(id).split("-")[2]);
        assertThat(descendsFrom(publish, server, byId)).isTrue();
        assertThat(publish.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        assertThat(attribute(publish, "messaging.system")).isEqualTo("kafka");
        assertThat(attribute(publish, "messaging.destination.name")).isEqualTo(BookingLifecycle.TOPIC);
        assertThat(attribute(publish, "cloudevents.event_type")).isEqualTo("org.scheduleright.booking.created.v1");
        assertThat(publish.getAttributes().asMap().values())
                .extracting(Object::toString)
                .noneMatch(text -> text.contains("Ada") || text.contains("ada@example.org") || text.contains("7700"));

        List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> TopicRecords.read(
                                TestInfrastructure.kafkaBootstrapServers(), BookingLifecycle.TOPIC, Set.of(id)),
                        found -> !found.isEmpty());
        assertThat(TopicRecords.header(records.get(0), "traceparent"))
                .isEqualTo("00-" + traceId + "-" + publish.getSpanId() + "-01");
        assertThat(records.get(0).headers().headers("traceparent")).hasSize(1);

        List<Map<String, Object>> requestLines =
                LogLines.of(output.getOut(), "org.scheduleright.platform.web.RequestLog").stream()
                        .filter(line -> traceId.equals(value(line, "traceId")))
                        .toList();
        assertThat(requestLines).singleElement().satisfies(line -> {
            assertThat(value(line, "spanId")).isEqualTo(server.getSpanId());
            assertThat(value(line, "http.response.status_code")).isEqualTo(201);
        });
    }

    @Test
    void queriesOutsideAnyRequestAreNotExportedAsTracesOfTheirOwn() {
        exporter.reset();
        newOrganisation("Europe/London");

        // the relay polls the outbox every 50 ms; once a request's spans are exported, its polls have been too
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        exporter.getFinishedSpanItems().stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));
        assertThat(exporter.getFinishedSpanItems())
                .filteredOn(span -> span.getName().equals("query"))
                .isNotEmpty()
                .allSatisfy(query ->
                        assertThat(query.getParentSpanContext().isValid()).isTrue());
    }

    @Test
    void aPublishKafkaNeverAcknowledgesEndsItsSpanWithTheError() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parent = "1a2b3c4d5e6f7081";
        EncodedEvent event = EncodedEvent.of(
                BookingLifecycle.TOPIC,
                new EventEnvelope(
                        UUID.randomUUID(),
                        "/booking-service",
                        "org.scheduleright.booking.created.v1",
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        "00-" + traceId + "-" + parent + "-01"),
                "{}");

        try (KafkaEventPublisher publisher = new KafkaEventPublisher(
                "127.0.0.1:" + Probes.deadPort(),
                Duration.ofSeconds(1),
                "tracing-test",
                new SimpleMeterRegistry(),
                tracer,
                propagator)) {
            List<CompletableFuture<RecordMetadata>> sent = publisher.send(List.of(event));
            assertThat(sent).hasSize(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> sent.get(0).isDone());
            assertThat(sent.get(0)).isCompletedExceptionally();
        }

        SpanData publish = await().atMost(Duration.ofSeconds(10))
                .until(() -> spansOf(traceId).stream().filter(this::isPublish).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(publish.getParentSpanId()).isEqualTo(parent);
        assertThat(publish.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    private List<SpanData> spansOf(String traceId) {
        return exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId))
                .toList();
    }

    private boolean isPublish(SpanData span) {
        return span.getName().equals(KafkaEventPublisher.SPAN_NAME);
    }

    private static SpanData only(List<SpanData> spans, java.util.function.Predicate<SpanData> which) {
        List<SpanData> found = spans.stream().filter(which).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    private static boolean descendsFrom(SpanData span, SpanData ancestor, Map<String, SpanData> byId) {
        for (SpanData current = span; current != null; current = byId.get(current.getParentSpanId())) {
            if (current.getParentSpanId().equals(ancestor.getSpanId())) {
                return true;
            }
        }
        return false;
    }

    private String storedTraceparent(String bookingId) {
        return db.sql("SELECT traceparent FROM outbox WHERE subject = :id ORDER BY id LIMIT 1")
                .bind("id", bookingId)
                .map(row -> row.get("traceparent", String.class))
                .one()
                .block(Duration.ofSeconds(5));
    }
}
