package org.scheduleright.gateway.edge;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scheduleright.gateway.GatewayIntegrationTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Security headers on every kind of response, CORS for exact origins only, and the 64 KiB body limit. */
class EdgeIntegrationTests extends GatewayIntegrationTest {

    @Test
    void securityHeadersAreOnSuccessesAndErrorsAlike() {
        expectSecurityHeaders(
                client.get().uri("/health").exchange().expectStatus().isOk());
        expectSecurityHeaders(client.get()
                .uri("/.well-known/jwks.json")
                .exchange()
                .expectStatus()
                .isOk());
        expectSecurityHeaders(client.get()
                .uri("/api/public/sites/1/info")
                .exchange()
                .expectStatus()
                .isOk());
        expectSecurityHeaders(
                client.get().uri("/api/v1/users/me").exchange().expectStatus().isUnauthorized());
        expectSecurityHeaders(
                client.get().uri("/no-such-page").exchange().expectStatus().isNotFound());
    }

    @Test
    void withoutProductionThereIsNoHsts() {
        client.get().uri("/health").exchange().expectHeader().doesNotExist("Strict-Transport-Security");
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnswered() {
        client.options()
                .uri("/api/v1/auth/login")
                .header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff");
    }

    @Test
    void aPreflightFromAnyOtherOriginIsRefused() {
        client.options()
                .uri("/api/v1/auth/login")
                .header(HttpHeaders.ORIGIN, "https://app.example.test.evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void bodiesOverSixtyFourKibAreRefusedBeforeReachingAnyone() {
        String big = "{\"notes\":\"" + "x".repeat(70 * 1024) + "\"}";
        for (String path : new String[] {"/api/v1/auth/login", "/api/public/bookings"}) {
            expectSecurityHeaders(client.post()
                            .uri(path)
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(big)
                            .exchange()
                            .expectStatus()
                            .isEqualTo(413))
                    .expectBody(Map.class)
                    .value(body -> org.assertj.core.api.Assertions.assertThat(body.get("code"))
                            .isEqualTo("PAYLOAD_TOO_LARGE"));
        }
    }

    private static WebTestClient.ResponseSpec expectSecurityHeaders(WebTestClient.ResponseSpec response) {
        return response.expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .valueEquals("X-XSS-Protection", "1; mode=block")
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY")
                .expectHeader()
                .valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
                .expectHeader()
                .valueEquals("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
                .expectHeader()
                .valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }
}
