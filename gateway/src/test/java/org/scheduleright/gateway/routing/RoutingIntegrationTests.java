package org.scheduleright.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scheduleright.gateway.GatewayIntegrationTest;
import org.scheduleright.gateway.StubBackends;
import org.springframework.http.HttpMethod;

/** Each public path reaches its service, with spoofable headers stripped, and a dead backend is a clean 503. */
class RoutingIntegrationTests extends GatewayIntegrationTest {

    @ParameterizedTest
    @CsvSource({
        "GET, /api/v1/orgs, booking-service",
        "GET, /api/v1/orgs/42/sites, booking-service",
        "POST, /api/v1/sites/42/availability, booking-service",
        "PUT, /api/v1/bookings/42/confirm, booking-service",
        "GET, /api/v1/bookings/me, booking-service",
        "GET, /api/v1/bookings/42/reminders, reminder-service",
        "GET, /api/v1/reminders/settings, reminder-service",
        "POST, /api/v1/reminders/send, reminder-service"
    })
    void routesEachAuthenticatedPathToItsService(String method, String path, String service) {
        client.method(HttpMethod.valueOf(method))
                .uri(path)
                .headers(h -> h.setBearerAuth(adminToken()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.service")
                .isEqualTo(service)
                .jsonPath("$.path")
                .isEqualTo(path);
    }

    @ParameterizedTest
    @CsvSource({
        "GET, /api/public/sites/42/info, booking-service",
        "POST, /api/public/bookings, booking-service",
        "POST, /webhooks/twilio/status, reminder-service",
        "POST, /webhooks/twilio/inbound, reminder-service"
    })
    void routesOpenPathsWithoutAToken(String method, String path, String service) {
        client.method(HttpMethod.valueOf(method))
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.service")
                .isEqualTo(service);
    }

    @Test
    void protectedPathsNeedATokenAtTheGateway() {
        client.get()
                .uri("/api/v1/bookings/42")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_TOKEN");
    }

    @Test
    void stripsIdentityHeadersAndForwardsTheClientAddress() {
        String path = "/api/public/sites/" + UUID.randomUUID() + "/info";
        client.get()
                .uri(path)
                .header("X-User-Id", "someone-else")
                .header("X-Org-Id", "other-org")
                .header("X-Roles", "ADMIN")
                .exchange()
                .expectStatus()
                .isOk();
        Map<String, List<String>> seen = StubBackends.lastHeaders("booking-service", path);
        assertThat(seen).doesNotContainKeys("x-user-id", "x-org-id", "x-roles");
        assertThat(seen.get("x-forwarded-for")).as(seen.toString()).containsExactly(clientIp);
    }

    @Test
    void dropsForwardedHeadersFromAnUntrustedPeer() {
        String path = "/api/public/sites/" + UUID.randomUUID() + "/info";
        clientBoundTo("127.0.0.2")
                .get()
                .uri(path)
                .header("X-Forwarded-For", "203.0.113.9")
                .header("X-Forwarded-Host", "evil.example")
                .header("Forwarded", "for=203.0.113.9")
                .exchange()
                .expectStatus()
                .isOk();
        Map<String, List<String>> seen = StubBackends.lastHeaders("booking-service", path);
        assertThat(seen.get("x-forwarded-for")).as(seen.toString()).containsExactly("127.0.0.2");
        assertThat(seen.get("x-forwarded-host")).containsExactly("127.0.0.1:" + port);
        assertThat(seen).doesNotContainKey("forwarded");
    }

    @Test
    void aBackendThatDoesNotAnswerInTimeIsServiceUnavailable() {
        try {
            client.get()
                    .uri("/api/public/sites/42/slow")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("SERVICE_UNAVAILABLE");
        } finally {
            StubBackends.releaseSlowRequests();
        }
    }

    @Test
    void aDeadBackendIsServiceUnavailableInTheContractFormat() {
        client.get()
                .uri("/api/v1/test-dead-backend/anything")
                .headers(h -> h.setBearerAuth(adminToken()))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("SERVICE_UNAVAILABLE")
                .jsonPath("$.statusCode")
                .isEqualTo(503)
                .jsonPath("$.error")
                .value(message -> assertThat((String) message).doesNotContain("127.0.0.1", "Exception"));
    }
}
