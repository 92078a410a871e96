package org.scheduleright.gateway.edge;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scheduleright.gateway.GatewayIntegrationTest;
import org.springframework.http.MediaType;

/**
 * Another spelling of a path cannot skip a per-route limit or the token check (issue 14, item 2): every non-canonical
 * spelling is refused with 400 in the contract's format before any limit, token check or route sees it.
 */
class CanonicalPathIntegrationTests extends GatewayIntegrationTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/%61uth/login",
                "/api/v1/auth;x/login",
                "/api/v1//auth/login",
                "/api/v1/auth/login/",
                "/api/v1/auth/./login",
                "/api/v1/x/../auth/login",
                "/api/v1/auth%2Flogin"
            })
    void aLoginSpelledAnotherWayIsRefusedInsteadOfCountedUnderTheStandardLimit(String path) {
        client.post()
                .uri(URI.create("http://127.0.0.1:" + port + path))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .doesNotExist("X-RateLimit-Limit")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_ERROR")
                .jsonPath("$.accessToken")
                .doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/public/%2e%2e/v1/bookings/42",
                "/api/public/../v1/bookings/42",
                "/api/public/x/%2E%2E/%2E%2E/v1/bookings/42",
                "/api/public;x/../v1/orgs",
                "/api/%70ublic/sites/42/info"
            })
    void anEncodedSpellingOfAnOpenPathDoesNotSkipTheTokenCheck(String path) {
        client.get()
                .uri(URI.create("http://127.0.0.1:" + port + path))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_ERROR")
                .jsonPath("$.service")
                .doesNotExist();
    }
}
