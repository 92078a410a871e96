package org.scheduleright.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.scheduleright.platform.testing.LogLines.value;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scheduleright.platform.testing.LogLines;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;

/** Every request leaves one log line with its method, path, status, duration and trace, and no personal data. */
@ExtendWith(OutputCaptureExtension.class)
class RequestLogIntegrationTests extends PlatformIntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private static final String REQUEST_LOG = "org.scheduleright.platform.web.RequestLog";

    @Test
    void aFailedRequestIsLoggedOnceWithItsFinalStatusAndTheTraceOfItsErrorBody(CapturedOutput output) {
        String traceId = traceIdOf(client().get()
                .uri("/api/v1/probe/failure")
                .header("Authorization", "Bearer " + jwks.token("u1", "o1", "STAFF"))
                .exchange()
                .expectStatus()
                .isEqualTo(500)
                .expectBody(JSON)
                .returnResult()
                .getResponseBody());

        Map<String, Object> line = onlyLineOf(output, traceId);
        assertThat(value(line, "log.level")).isEqualTo("INFO");
        assertThat(value(line, "http.request.method")).isEqualTo("GET");
        assertThat(value(line, "url.path")).isEqualTo("/api/v1/probe/failure");
        assertThat(value(line, "http.response.status_code")).isEqualTo(500);
        assertThat(value(line, "event.duration_ms")).isInstanceOf(Number.class);
        assertThat(((Number) value(line, "event.duration_ms")).longValue()).isNotNegative();
        assertThat((String) value(line, "spanId")).matches("[0-9a-f]{16}");
        assertThat((String) value(line, "message"))
                .isEqualTo("GET /api/v1/probe/failure 500 " + value(line, "event.duration_ms") + " ms");
    }

    @Test
    void aSuccessfulRequestIsLoggedWithoutItsQueryStringAndInTheTraceTheCallerSent(CapturedOutput output) {
        String traceId = newTraceId();
        client().get()
                .uri("/api/public/probe?email=grace@example.org&token=s3cr3t-value")
                .header("traceparent", traceparent(traceId))
                .exchange()
                .expectStatus()
                .isOk();

        Map<String, Object> line = onlyLineOf(output, traceId);
        assertThat(value(line, "url.path")).isEqualTo("/api/public/probe");
        assertThat(value(line, "http.response.status_code")).isEqualTo(200);
        assertThat(output.getOut()).doesNotContain("s3cr3t-value").doesNotContain("grace");
    }

    @Test
    void anEmailInThePathIsMaskedEvenWhenPercentEncoded(CapturedOutput output) {
        String plain = traceIdOf(notFound("/api/public/people/ada.lovelace@example.org"));
        String encoded = traceIdOf(notFound("/api/public/people/alan.turing%40example.org"));

        assertThat(value(onlyLineOf(output, plain), "url.path")).isEqualTo("/api/public/people/***@***");
        assertThat(value(onlyLineOf(output, encoded), "url.path")).isEqualTo("/api/public/people/***@***");
        assertThat(output.getOut())
                .doesNotContain("ada.lovelace")
                .doesNotContain("alan.turing")
                .doesNotContain("example.org");
    }

    @Test
    void probesAreNotLoggedAtInfo(CapturedOutput output) {
        String health = newTraceId();
        String metrics = newTraceId();
        String api = newTraceId();
        client().get()
                .uri("/health")
                .header("traceparent", traceparent(health))
                .exchange()
                .expectStatus()
                .isOk();
        client().get()
                .uri("/metrics")
                .header("traceparent", traceparent(metrics))
                .exchange()
                .expectStatus()
                .isOk();
        client().get()
                .uri("/api/public/probe")
                .header("traceparent", traceparent(api))
                .exchange()
                .expectStatus()
                .isOk();

        onlyLineOf(output, api);
        assertThat(LogLines.of(output.getOut(), REQUEST_LOG))
                .extracting(line -> value(line, "traceId"))
                .doesNotContain(health, metrics);
    }

    private Map<String, Object> notFound(String path) {
        return client().get()
                .uri(URI.create("http://localhost:" + port + path))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private static String traceIdOf(Map<String, Object> errorBody) {
        String traceId = (String) errorBody.get("traceId");
        assertThat(traceId).matches("[0-9a-f]{32}");
        return traceId;
    }

    /**
     * The single request-log line of the trace. The line is written as the request's observation ends, which may be
     * just after the client has read the response.
     */
    private static Map<String, Object> onlyLineOf(CapturedOutput output, String traceId) {
        List<Map<String, Object>> lines = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> LogLines.of(output.getOut(), REQUEST_LOG).stream()
                                .filter(line -> traceId.equals(value(line, "traceId")))
                                .toList(),
                        found -> !found.isEmpty());
        assertThat(lines).as("request-log lines of trace %s", traceId).hasSize(1);
        return lines.get(0);
    }

    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-00f067aa0ba902b7-01";
    }
}
