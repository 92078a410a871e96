package org.scheduleright.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.scheduleright.gateway.GatewayIntegrationTest;
import org.scheduleright.platform.testing.PrometheusText;
import org.scheduleright.platform.testing.PrometheusText.Sample;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Drives every gateway feature that has a metric, then reads {@code GET /metrics} as Prometheus does and checks that
 * each series the dashboards and alerts read is there and moved.
 */
class MetricsScrapeIntegrationTests extends GatewayIntegrationTest {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String PASSWORD = "a long enough password 1";
    /** A page holds every histogram bucket of every series: far beyond the client's default 256 KiB buffer. */
    @Test
    void everySeriesTheDashboardsReadIsExportedAndMoves() {
        PrometheusText before = scrape();

        String email = createUser("CLIENT", UUID.randomUUID().toString(), PASSWORD);
        String refreshToken = (String) login(email, PASSWORD).get("refreshToken");
        refresh(refreshToken).expectStatus().isOk();
        for (int i = 0; i < 5; i++) {
            loginAs(email, "wrong password " + i).expectStatus().isUnauthorized();
        }
        loginAs(email, PASSWORD).expectStatus().isEqualTo(429);
        WebTestClient limited = clientFrom(randomIp());
        for (int i = 0; i < 10; i++) {
            refresh(limited, "garbage").expectStatus().isUnauthorized();
        }
        refresh(limited, "garbage").expectStatus().isEqualTo(429);
        String bookingId = UUID.randomUUID().toString();
        client.get()
                .uri("/api/v1/bookings/" + bookingId + "/reminders")
                .headers(h -> h.setBearerAuth(adminToken()))
                .exchange()
                .expectStatus()
                .isOk();

        PrometheusText after = scrape();

        for (String result : List.of("success", "failure", "locked")) {
            assertThat(increase(before, after, "scheduleright_auth_logins_total", Map.of("result", result)))
                    .as("logins with result %s", result)
                    .isGreaterThanOrEqualTo(1);
        }
        // a gauge the key-ring maintenance recounts on its own schedule (scheduleright.jwt.key-ring-refresh)
        assertThat(after.series("scheduleright_auth_refresh_families_active")).hasSize(1);
        assertThat(increase(before, after, "scheduleright_ratelimit_rejections_total", Map.of("limit", "auth")))
                .isGreaterThanOrEqualTo(1);
        for (String counter :
                List.of("scheduleright_ratelimit_rejections_total", "scheduleright_ratelimit_unavailable_total")) {
            assertThat(after.labelValues(counter, "limit"))
                    .as("%s is there for every limit before its first event", counter)
                    .containsExactlyInAnyOrder("standard", "auth", "public", "reminder-send");
        }

        // p50/p95/p99 come from the histogram (histogram_quantile over _bucket): with percentiles-histogram on,
        // Micrometer's Prometheus registry exports buckets and no client-side quantile series.
        List<Sample> loginBuckets = after.series(
                "http_server_requests_seconds_bucket", Map.of("uri", "/api/v1/auth/login", "status", "200"));
        assertThat(loginBuckets)
                .extracting(bucket -> bucket.label("le"))
                .as("histogram buckets of successful logins")
                .contains("+Inf")
                .hasSizeGreaterThan(20);
        assertThat(increase(
                        before,
                        after,
                        "http_server_requests_seconds_count",
                        Map.of("uri", "/api/v1/auth/login", "status", "429")))
                .as("the locked login, under its route template")
                .isGreaterThanOrEqualTo(1);
        // Proxied paths (and requests refused before routing) have no handler template: uri="UNKNOWN" there, and the
        // per-route figures come from spring_cloud_gateway_requests_seconds below.
        assertThat(after.labelValues("http_server_requests_seconds_count", "uri"))
                .as("uri labels are templates or bounded names, never a raw id")
                .contains("/api/v1/auth/login", "/api/v1/auth/refresh", "UNKNOWN")
                .noneMatch(uri -> UUID_TEXT.matcher(uri).find());
        assertThat(after.samples())
                .as("no sample names the booking id of the proxied call")
                .noneMatch(sample -> sample.labels().containsValue(bookingId));

        assertThat(increase(
                        before,
                        after,
                        "spring_cloud_gateway_requests_seconds_count",
                        Map.of("routeId", "booking-reminders", "httpStatusCode", "200")))
                .as("the proxied call on the gateway's per-route timer")
                .isEqualTo(1);
        assertThat(after.series("jvm_memory_used_bytes", Map.of("area", "heap")))
                .isNotEmpty();
        assertThat(after.series("jvm_memory_max_bytes", Map.of("area", "heap"))).isNotEmpty();
        assertThat(after.series("process_cpu_usage")).hasSize(1);
        assertThat(increase(before, after, "r2dbc_query_seconds_count", Map.of()))
                .as("identity database queries timed")
                .isGreaterThanOrEqualTo(1);
        assertThat(after.series("r2dbc_query_seconds_bucket")).isNotEmpty();
        assertThat(after.samples())
                .as("every series carries the service tag")
                .allSatisfy(sample -> assertThat(sample.labels()).containsEntry("service", "gateway"));
    }

    private PrometheusText scrape() {
        return PrometheusText.scrape(client);
    }

    /** How much the matching series grew between two scrapes; they must exist afterwards. */
    private static double increase(
            PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
        List<Sample> now = after.series(name, labels);
        assertThat(now).as("%s%s", name, labels).isNotEmpty();
        return sum(now) - sum(before.series(name, labels));
    }

    private static double sum(List<Sample> samples) {
        return samples.stream().mapToDouble(Sample::value).sum();
    }

    private WebTestClient.ResponseSpec loginAs(String email, String password) {
        return clientFrom(randomIp())
                .post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange();
    }

    private WebTestClient.ResponseSpec refresh(String token) {
        return refresh(clientFrom(randomIp()), token);
    }

    private static WebTestClient.ResponseSpec refresh(WebTestClient from, String token) {
        return from.post()
                .uri("/api/v1/auth/refresh")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", token))
                .exchange();
    }
}
