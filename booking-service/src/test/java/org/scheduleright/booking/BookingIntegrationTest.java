package org.scheduleright.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.scheduleright.platform.testing.RecordedSpans;
import org.scheduleright.platform.testing.ServiceTestProperties;
import org.scheduleright.platform.testing.TestJwks;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the service's integration tests: one running booking-service on the real MariaDB/MySQL and Kafka, shared by
 * every test class; each test creates its own organisation, site and slots. Its spans are also kept in memory
 * ({@link RecordedSpans}), exported every 100 ms.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "scheduleright.outbox.metrics-interval=200ms",
            "management.opentelemetry.tracing.export.schedule-delay=100ms"
        })
@Import(RecordedSpans.class)
public abstract class BookingIntegrationTest {

    protected static final TestJwks jwks = new TestJwks();

    protected static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {};

    @LocalServerPort
    protected int port;

    /** On a failure, prints every thread's stack so that a hang can be diagnosed from the test output. */
    @RegisterExtension
    static final TestWatcher threadsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            StringBuilder dump = new StringBuilder("THREAD DUMP after failure of " + context.getDisplayName());
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                dump.append("\n\"").append(thread.getName()).append("\" ").append(thread.getState());
                for (StackTraceElement frame : stack) {
                    dump.append("\n    at ").append(frame);
                }
            });
            System.out.println(dump);
        }
    };

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.all(registry, "booking");
        registry.add("scheduleright.auth.jwks-uri", jwks::jwksUri);
    }

    protected WebTestClient http() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(30))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** A token for a new user of {@code org} with {@code role}. */
    protected static String token(String org, String role) {
        return jwks.token("user-" + UUID.randomUUID(), org, role);
    }

    protected static String adminToken() {
        return jwks.token("admin-" + UUID.randomUUID(), null, "ADMIN");
    }

    protected static HttpHeaders bearer(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return headers;
    }

    /** Creates an organisation in {@code timezone} and returns its id. */
    protected String newOrganisation(String timezone) {
        Map<String, Object> org = http().post()
                .uri("/api/v1/orgs")
                .headers(h -> h.setBearerAuth(adminToken()))
                .bodyValue(Map.of("name", "Care centre " + UUID.randomUUID(), "timezone", timezone))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(org).isNotNull();
        return (String) org.get("id");
    }

    /** Creates a site of {@code org} in the organisation's time zone and returns its id. */
    protected String newSite(String org) {
        return newSite(org, null);
    }

    protected String newSite(String org, String timezone) {
        Map<String, Object> body = timezone == null
                ? Map.of("name", "Main site", "address", "1 High Street")
                : Map.of("name", "Main site", "address", "1 High Street", "timezone", timezone);
        Map<String, Object> site = http().post()
                .uri("/api/v1/orgs/{org}/sites", org)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(site).isNotNull();
        return (String) site.get("id");
    }

    /** Opens one slot of {@code capacity} seats at the site and returns its id. */
    protected String newSlot(String org, String site, Instant start, int capacity) {
        Map<String, Object> created = http().post()
                .uri("/api/v1/sites/{site}/availability", site)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .bodyValue(Map.of(
                        "startTime", start.toString(),
                        "endTime", start.plusSeconds(1800).toString(),
                        "capacity", capacity))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(created).isNotNull();
        @SuppressWarnings("unchecked")
        var slots = (java.util.List<Map<String, Object>>) created.get("data");
        return (String) slots.get(0).get("id");
    }

    /** A future instant at least a week away, distinct per call. */
    protected static Instant future() {
        return Instant.now()
                .plus(java.time.Duration.ofDays(7 + (long) (Math.random() * 300)))
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    }

    /** A valid staff booking body for {@code slot}. */
    protected static Map<String, Object> bookingBody(String slot) {
        return Map.of(
                "slotId", slot,
                "clientName", "Ada Lovelace",
                "clientEmail", "ada@example.org",
                "clientPhone", "+447700900123",
                "notes", "first visit");
    }

    /** Books a seat as STAFF of {@code org} and returns the booking. */
    protected Map<String, Object> book(String org, String site, String slot) {
        Map<String, Object> booking = http().post()
                .uri("/api/v1/sites/{site}/bookings", site)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .bodyValue(bookingBody(slot))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(booking).isNotNull();
        return booking;
    }
}
