package org.scheduleright.gateway.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.scheduleright.gateway.GatewayIntegrationTest;
import org.scheduleright.gateway.identity.PasswordHashingPermits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * With every password-hashing permit held, logins (known or unknown email) and user creation answer 503
 * {@code SERVICE_UNAVAILABLE} with {@code Retry-After} at once, and serve again once a permit is free (issue 14, item 5).
 */
class PasswordHashingLimitIntegrationTests extends GatewayIntegrationTest {

    @Autowired
    PasswordHashingPermits permits;

    private int held;

    @AfterEach
    void releaseHeldPermits() {
        for (; held > 0; held--) {
            permits.release();
        }
    }

    @Test
    void aFullHashingBudgetAnswers503WithRetryAfterInsteadOfQueueing() {
        String adminToken = adminToken();
        holdEveryPermit();

        for (String email : List.of(ADMIN_EMAIL, "nobody-" + UUID.randomUUID() + "@example.test")) {
            client.post()
                    .uri("/api/v1/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", email, "password", ADMIN_PASSWORD))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .valueEquals(HttpHeaders.RETRY_AFTER, "1")
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("SERVICE_UNAVAILABLE")
                    .jsonPath("$.statusCode")
                    .isEqualTo(503)
                    .jsonPath("$.timestamp")
                    .exists();
        }
        client.post()
                .uri("/api/v1/users")
                .headers(h -> h.setBearerAuth(adminToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "email",
                        "user-" + UUID.randomUUID() + "@example.test",
                        "name",
                        "Test User",
                        "password",
                        "a long enough password",
                        "roles",
                        List.of("ADMIN")))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER);

        permits.release();
        held--;
        assertThat(login(ADMIN_EMAIL, ADMIN_PASSWORD)).containsKey("accessToken");
    }

    private void holdEveryPermit() {
        assertThat(permits.total()).isGreaterThanOrEqualTo(1);
        while (permits.tryAcquire()) {
            held++;
        }
        assertThat(held).isEqualTo(permits.total());
    }
}
