package org.scheduleright.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scheduleright.gateway.GatewayIntegrationTest;
import org.scheduleright.gateway.StubBackends;
import org.scheduleright.platform.testing.RecordedSpans;
import org.scheduleright.platform.testing.TestTraceparent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request through the gateway is one trace: the gateway's server span, a client span for the forwarded call whose
 * context reaches the backend as W3C {@code traceparent}, and the gateway's request log line under the same trace id.
 * A client's own {@code traceparent} is continued rather than replaced, but its sampled flag does not decide (see
 * docs/observability.md, "Traces").
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingIntegrationTests extends GatewayIntegrationTest {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final String REQUEST_LOG = "org.scheduleright.platform.web.RequestLog";

    @Autowired
    InMemorySpanExporter spans;

    @Test
    void theBackendReceivesTheGatewaysTraceWithAGatewaySpanAsParent(CapturedOutput output) {
        String path = "/api/public/sites/" + UUID.randomUUID() + "/info";
        client.get().uri(path).exchange().expectStatus().isOk();

        TestTraceparent forwarded = TestTraceparent.parse(backendHeader(path));
        List<SpanData> trace = awaitSpans(forwarded.traceId(), SpanKind.SERVER, SpanKind.CLIENT);
        SpanData server = only(trace, SpanKind.SERVER);
        assertThat(server.getParentSpanContext().isValid())
                .as("without a client traceparent the gateway starts the trace")
                .isFalse();
        SpanData parent = trace.stream()
                .filter(span -> span.getSpanId().equals(forwarded.spanId()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no gateway span " + forwarded.spanId() + " in " + trace));
        assertThat(parent.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(parent.getAttributes().get(AttributeKey.stringKey("spring.cloud.gateway.route.id")))
                .isEqualTo("public");
        assertThat(parent.getParentSpanId()).isEqualTo(server.getSpanId());

        JsonNode requestLog = await().atMost(Duration.ofSeconds(10))
                .until(() -> requestLogLines(output, path), lines -> !lines.isEmpty())
                .get(0);
        assertThat(requestLog.path("traceId").asString()).isEqualTo(forwarded.traceId());
        assertThat(requestLog.path("spanId").asString()).isEqualTo(server.getSpanId());
    }

    @Test
    void aClientTraceparentIsContinued() {
        String path = "/api/public/sites/" + UUID.randomUUID() + "/info";
        TestTraceparent incoming = TestTraceparent.random();
        client.get()
                .uri(path)
                .header("traceparent", incoming.toString())
                .exchange()
                .expectStatus()
                .isOk();

        TestTraceparent forwarded = TestTraceparent.parse(backendHeader(path));
        assertThat(forwarded.traceId()).isEqualTo(incoming.traceId());
        assertThat(forwarded.spanId()).isNotEqualTo(incoming.spanId());
        SpanData server = only(awaitSpans(incoming.traceId(), SpanKind.SERVER, SpanKind.CLIENT), SpanKind.SERVER);
        assertThat(server.getParentSpanId()).isEqualTo(incoming.spanId());
    }

    @Test
    void aClientCannotSwitchTracingOff() {
        String path = "/api/public/sites/" + UUID.randomUUID() + "/info";
        TestTraceparent incoming = TestTraceparent.random();
        client.get()
                .uri(path)
                .header("traceparent", incoming.unsampled())
                .exchange()
                .expectStatus()
                .isOk();

        String forwarded = backendHeader(path);
        assertThat(TestTraceparent.parse(forwarded).traceId()).isEqualTo(incoming.traceId());
        assertThat(forwarded).as("sampled by the gateway's own decision").endsWith("-01");
        assertThat(awaitSpans(incoming.traceId(), SpanKind.SERVER, SpanKind.CLIENT))
                .hasSizeGreaterThanOrEqualTo(2);
    }

    private static String backendHeader(String path) {
        List<String> values = StubBackends.lastHeaders("booking-service", path).get("traceparent");
        assertThat(values).as("traceparent headers the backend received").hasSize(1);
        return values.get(0);
    }

    private List<SpanData> awaitSpans(String traceId, SpanKind... kinds) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> RecordedSpans.ofTrace(spans, traceId),
                        trace -> trace.stream().map(SpanData::getKind).toList().containsAll(List.of(kinds)));
    }

    private static SpanData only(List<SpanData> trace, SpanKind kind) {
        List<SpanData> matching =
                trace.stream().filter(span -> span.getKind() == kind).toList();
        assertThat(matching).as("%s spans of the trace", kind).hasSize(1);
        return matching.get(0);
    }

    /** The gateway's request log lines (ECS JSON) for {@code path}. */
    private static List<JsonNode> requestLogLines(CapturedOutput output, String path) {
        return output.getOut()
                .lines()
                .filter(line -> line.startsWith("{") && line.contains(path))
                .map(json::readTree)
                .filter(line -> line.at("/log/logger").asString().equals(REQUEST_LOG)
                        && line.at("/url/path").asString().equals(path))
                .toList();
    }
}
