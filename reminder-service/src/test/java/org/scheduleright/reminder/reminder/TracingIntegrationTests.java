package org.scheduleright.reminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scheduleright.events.booking.BookingCreated;
import org.scheduleright.platform.testing.RecordedSpans;
import org.scheduleright.platform.testing.TestInfrastructure;
import org.scheduleright.platform.testing.TestTraceparent;
import org.scheduleright.reminder.ReminderIntegrationTest;
import org.scheduleright.reminder.quota.SmsQuotas;
import org.scheduleright.reminder.reminder.domain.MessageTemplate;
import org.scheduleright.reminder.reminder.domain.ReminderSettings;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;
import org.scheduleright.reminder.reminder.persistence.ReminderRow;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.scheduleright.reminder.settings.persistence.OrgReminderSettings;
import org.scheduleright.reminder.sms.twilio.FakeTwilio;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * This service's part of a booking's trace: the booking event is consumed in a span that continues the producer's
 * {@code traceparent}; the reminder it plans keeps that context; the later send is a trace of its own, a root "reminder
 * send" span linked to the planning context, with the Twilio request as its client child. Log lines carry the trace ids.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingIntegrationTests extends ReminderIntegrationTest {

    @Autowired
    OrgReminderSettings orgSettings;

    private static final JsonMapper json = JsonMapper.builder().build();

    private static final String PHONE = "+33612345678";

    @Autowired
    InMemorySpanExporter spans;

    @Autowired
    Reminders reminders;

    @Autowired
    ApplicationContext context;

    @Autowired
    SmsQuotas quotas;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ObservationRegistry observations;

    @Test
    void aBookingEventIsConsumedInItsProducersTraceAndTheSendIsALinkedTraceOfItsOwn(CapturedOutput output)
            throws Exception {
        TestTraceparent producer = TestTraceparent.random();
        Instant start = Instant.now().plus(Duration.ofMinutes(90)).truncatedTo(ChronoUnit.MINUTES);
        BookingCreated created = created(start, Instant.now(), PHONE);

        publishWithTraceparent(created, producer);

        SpanData consumption = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> spansOf(producer.traceId()).stream()
                                .filter(span -> span.getKind() == SpanKind.CONSUMER)
                                .findFirst()
                                .orElse(null),
                        span -> span != null);
        assertThat(consumption.getParentSpanId()).isEqualTo(producer.spanId());
        assertThat(logLines(output, "Booking event " + created.eventId()))
                .singleElement()
                .satisfies(line -> assertThat(line.path("traceId").asString()).isEqualTo(producer.traceId()));

        ReminderRow planned = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> reminders
                                .ofBooking(created.bookingId())
                                .filter(r -> r.status() == ReminderStatus.SCHEDULED)
                                .blockFirst(),
                        row -> row != null);
        TestTraceparent stored = TestTraceparent.parse(planned.traceparent());
        assertThat(stored.traceId()).isEqualTo(producer.traceId());
        assertThat(stored.spanId()).isEqualTo(consumption.getSpanId());

        try (FakeTwilio twilio = new FakeTwilio()) {
            SmsDispatcher dispatcher = new ExtraDispatchers(context)
                    .create("tracing-worker", twilioSender(twilio.baseUrl(), observations), quotas, meters);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                dispatcher.dispatchDue().block();
                return reminders.find(planned.id()).block().status() == ReminderStatus.SENT;
            });
        }

        SpanData send =
                await().atMost(Duration.ofSeconds(10)).until(() -> sendSpanOf(planned.id()), span -> span != null);
        assertThat(send.getParentSpanContext().isValid())
                .as("the send starts a trace of its own")
                .isFalse();
        assertThat(send.getTraceId()).isNotEqualTo(producer.traceId());
        assertThat(send.getAttributes().get(AttributeKey.stringKey("booking.id")))
                .isEqualTo(created.bookingId().toString());
        assertThat(send.getLinks())
                .extracting(LinkData::getSpanContext)
                .singleElement()
                .satisfies(link -> {
                    assertThat(link.getTraceId()).isEqualTo(producer.traceId());
                    assertThat(link.getSpanId()).isEqualTo(consumption.getSpanId());
                });

        List<SpanData> sendTrace = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> spansOf(send.getTraceId()),
                        trace -> trace.stream().anyMatch(span -> span.getName().equals("twilio messages create")));
        assertThat(sendTrace)
                .filteredOn(span -> span.getName().equals("twilio messages create"))
                .singleElement()
                .satisfies(twilioCall -> {
                    assertThat(twilioCall.getKind()).isEqualTo(SpanKind.CLIENT);
                    assertThat(twilioCall.getParentSpanId()).isEqualTo(send.getSpanId());
                    assertThat(twilioCall.getAttributes().get(AttributeKey.stringKey("http.request.method")))
                            .isEqualTo("POST");
                    assertThat(twilioCall.getAttributes().get(AttributeKey.stringKey("http.response.status_code")))
                            .isEqualTo("201");
                });
        assertThat(sendTrace)
                .as("the send's database queries are spans of its trace")
                .anySatisfy(query -> {
                    assertThat(query.getName()).isEqualTo("query");
                    assertThat(query.getParentSpanId()).isEqualTo(send.getSpanId());
                });
        assertThat(sendTrace)
                .as("no span of the send names the number or the text")
                .allSatisfy(span -> assertThat(span.getAttributes().toString())
                        .doesNotContain(PHONE)
                        .doesNotContain("Ana"));

        assertThat(logLines(output, "Reminder " + planned.id() + " is sent"))
                .singleElement()
                .satisfies(line -> {
                    assertThat(line.path("traceId").asString()).isEqualTo(send.getTraceId());
                    assertThat(line.path("linkedTraceId").asString()).isEqualTo(producer.traceId());
                });
    }

    @Test
    void aManualSendKeepsTheContextOfTheRequestThatQueuedIt() {
        TestTraceparent client = TestTraceparent.random();
        UUID org = UUID.randomUUID();
        // no quiet hours, so that the test does not depend on the hour it runs at
        orgSettings
                .save(org, new ReminderSettings(true, List.of(24), MessageTemplate.DEFAULT, false, null), Instant.now())
                .block();
        Map<?, ?> accepted = http().post()
                .uri("/api/v1/reminders/send")
                .headers(h -> h.setBearerAuth(jwks.token(UUID.randomUUID().toString(), org.toString(), "STAFF")))
                .header("traceparent", client.toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "phoneNumber",
                        "+3366" + ThreadLocalRandom.current().nextInt(1000000, 9999999),
                        "message",
                        "Doors open 9:00"))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        ReminderRow queued =
                reminders.find(UUID.fromString((String) accepted.get("id"))).block();

        SpanData server = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> spansOf(client.traceId()).stream()
                                .filter(span -> span.getKind() == SpanKind.SERVER)
                                .findFirst()
                                .orElse(null),
                        span -> span != null);
        TestTraceparent stored = TestTraceparent.parse(queued.traceparent());
        assertThat(stored.traceId()).isEqualTo(client.traceId());
        assertThat(stored.spanId()).isEqualTo(server.getSpanId());
    }

    /** Publishes the event the way booking-service's outbox relay does, with its own producer span's context. */
    private static void publishWithTraceparent(BookingCreated event, TestTraceparent traceparent) throws Exception {
        ProducerRecord<String, byte[]> record = BOOKINGS.toRecord(event, null);
        record.headers().add("traceparent", traceparent.toString().getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class))) {
            producer.send(record).get(10, TimeUnit.SECONDS);
        }
    }

    private List<SpanData> spansOf(String traceId) {
        return RecordedSpans.ofTrace(spans, traceId);
    }

    private SpanData sendSpanOf(UUID reminderId) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals("reminder send"))
                .filter(span ->
                        reminderId.toString().equals(span.getAttributes().get(AttributeKey.stringKey("reminder.id"))))
                .findFirst()
                .orElse(null);
    }

    /** The JSON log lines whose message starts with {@code prefix}. */
    private static List<JsonNode> logLines(CapturedOutput output, String prefix) {
        return output.getOut()
                .lines()
                .filter(line -> line.startsWith("{"))
                .map(json::readTree)
                .filter(line -> line.path("message").asString().startsWith(prefix))
                .toList();
    }
}
