package org.scheduleright.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.scheduleright.platform.outbox.OutboxRelay;
import org.scheduleright.platform.testing.PrometheusText;
import org.scheduleright.platform.testing.PrometheusText.Sample;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * After bookings are created, confirmed and cancelled, an unknown one looked up and their events published (by a
 * restarted relay), {@code /metrics} has every series the dashboards and alerts of booking-service read.
 */
class MetricsScrapeIntegrationTests extends BookingIntegrationTest {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final String CREATE = "/api/v1/sites/{siteId}/bookings";

    @Autowired
    DatabaseClient db;

    @Autowired
    OutboxRelay relay;

    @Test
    void exportsTrafficLatencyQueriesKafkaRuntimeAndBookingSeries() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 4);
        String first = (String) book(org, site, slot).get("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> unsent(first) == 0);
        // a restarted relay publishes with a new producer, whose metrics must replace those of the old one;
        // every earlier event was sent before this one, so the new producer sends only this test's next four
        relay.stop();
        assertThat(scrape().series("kafka_producer_record_send_total", Map.of("client_id", "booking-outbox-relay")))
                .as("a stopped relay's producer is closed and its metrics removed")
                .isEmpty();
        relay.start();

        String confirmed = (String) book(org, site, slot).get("id");
        put(org, confirmed, "confirm");
        String cancelled = (String) book(org, site, slot).get("id");
        put(org, cancelled, "cancel");
        http().get()
                .uri("/api/v1/bookings/{id}", UUID.randomUUID())
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .exchange()
                .expectStatus()
                .isNotFound();
        await().atMost(Duration.ofSeconds(30)).until(() -> unsent(confirmed, cancelled) == 0);

        PrometheusText metrics = scrape();

        List<Sample> buckets = metrics.series("http_server_requests_seconds_bucket");
        assertThat(buckets)
                .extracting(sample -> sample.label("uri"))
                .contains(
                        CREATE,
                        "/api/v1/bookings/{id}/confirm",
                        "/api/v1/bookings/{id}/cancel",
                        "/api/v1/bookings/{id}");
        assertThat(metrics.series("http_server_requests_seconds_count", Map.of("uri", "/api/v1/bookings/{id}")))
                .extracting(sample -> sample.label("status"))
                .contains("404");
        assertThat(metrics.samples())
                .as("no series labels a raw id")
                .allSatisfy(sample -> assertThat(sample.labels().values())
                        .noneMatch(v -> UUID_TEXT.matcher(v).find()));

        Map<String, String> created = Map.of("uri", CREATE, "method", "POST", "status", "201");
        double count = single(metrics.series("http_server_requests_seconds_count", created))
                .value();
        for (double quantile : new double[] {0.5, 0.95, 0.99}) {
            assertThat(quantileUpperBound(metrics.series("http_server_requests_seconds_bucket", created), quantile))
                    .as("p%s of booking creation, from the buckets", quantile * 100)
                    .isFinite()
                    .isPositive();
        }
        assertThat(single(metrics.series("http_server_requests_seconds_bucket", with(created, "le", "+Inf")))
                        .value())
                .isEqualTo(count);

        assertThat(metrics.series("r2dbc_query_seconds_bucket")).isNotEmpty();
        assertThat(metrics.series("r2dbc_query_seconds_count"))
                .isNotEmpty()
                .allSatisfy(sample -> assertThat(sample.labels())
                        .containsKey("r2dbc_connection")
                        .doesNotContainKey("r2dbc_thread"));
        assertThat(metrics.series("r2dbc_query_seconds_count").stream()
                        .mapToDouble(Sample::value)
                        .sum())
                .isPositive();

        assertThat(metrics.series("kafka_producer_record_send_total", Map.of("client_id", "booking-outbox-relay")))
                .as("the restarted relay's producer, with exactly the four records it sent, and no other")
                .singleElement()
                .satisfies(sample -> assertThat(sample.value()).isEqualTo(4));
        assertThat(metrics.series("kafka_producer_record_error_total")).isNotEmpty();
        assertThat(metrics.series("kafka_producer_request_latency_avg")).isNotEmpty();

        assertThat(metrics.series("jvm_memory_used_bytes")).isNotEmpty();
        assertThat(metrics.series("process_cpu_usage")).isNotEmpty();

        for (String status : List.of("pending", "confirmed", "cancelled")) {
            assertThat(metrics.series("scheduleright_bookings_total", Map.of("status", status)).stream()
                            .mapToDouble(Sample::value)
                            .sum())
                    .as("bookings counted as %s", status)
                    .isGreaterThanOrEqualTo(1);
        }
        assertThat(single(metrics.series("scheduleright_outbox_backlog_events")).value())
                .isGreaterThanOrEqualTo(0);
        assertThat(single(metrics.series("scheduleright_outbox_oldest_unsent_age_seconds"))
                        .value())
                .isGreaterThanOrEqualTo(0);
    }

    /**
     * The upper bound of the bucket that holds the quantile, which is what {@code histogram_quantile} interpolates
     * within: buckets are cumulative, so it is the first whose count reaches the quantile's rank.
     */
    private static double quantileUpperBound(List<Sample> buckets, double quantile) {
        List<Sample> ordered = buckets.stream()
                .sorted(Comparator.comparingDouble(sample -> le(sample)))
                .toList();
        double total = ordered.get(ordered.size() - 1).value();
        assertThat(total).isPositive();
        for (int i = 1; i < ordered.size(); i++) {
            assertThat(ordered.get(i).value())
                    .as("cumulative")
                    .isGreaterThanOrEqualTo(ordered.get(i - 1).value());
        }
        return ordered.stream()
                .filter(sample -> sample.value() >= quantile * total)
                .findFirst()
                .map(MetricsScrapeIntegrationTests::le)
                .orElseThrow();
    }

    private static double le(Sample bucket) {
        String le = bucket.label("le");
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    private static Sample single(List<Sample> samples) {
        assertThat(samples).hasSize(1);
        return samples.get(0);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> all = new java.util.HashMap<>(labels);
        all.put(key, value);
        return all;
    }

    private PrometheusText scrape() {
        return PrometheusText.scrape(http());
    }

    private long unsent(String... bookings) {
        return db.sql("SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL AND subject IN (:subjects)")
                .bind("subjects", List.of(bookings))
                .map(row -> row.get("n", Long.class))
                .one()
                .block(Duration.ofSeconds(5));
    }

    private void put(String org, String id, String action) {
        http().put()
                .uri("/api/v1/bookings/{id}/{action}", id, action)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .exchange()
                .expectStatus()
                .isOk();
    }
}
