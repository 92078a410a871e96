package org.scheduleright.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scheduleright.gateway.token.AccessTokens;
import org.scheduleright.platform.auth.Role;
import org.scheduleright.platform.testing.Probes;
import org.scheduleright.platform.testing.ServiceTestProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With Redis unreachable the gateway is not ready, names Redis, and its limits fail as documented. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisOutageIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    AccessTokens accessTokens;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.all(registry, "identity");
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + Probes.deadPort());
    }

    @Test
    void theAuthLimitFailsClosed() {
        client().post()
                .uri("/api/v1/auth/login")
                .header("Content-Type", "application/json")
                .bodyValue("{\"email\":\"someone@example.test\",\"password\":\"whatever password\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("SERVICE_UNAVAILABLE");
    }

    @Test
    void theReminderSendLimitFailsClosed() {
        String token = accessTokens
                .issue(UUID.randomUUID().toString(), UUID.randomUUID().toString(), Set.of(Role.STAFF))
                .token();
        client().post()
                .uri("/api/v1/reminders/send")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .bodyValue("{\"bookingId\":\"b\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(503);
    }

    @Test
    void theStandardLimitFailsOpenAndCountsTheOutage() {
        client().get()
                .uri("/.well-known/jwks.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist("X-RateLimit-Limit");
        String metrics = client().get()
                .uri("/metrics")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(metrics).contains("scheduleright_ratelimit_unavailable_total{limit=\"standard\"");
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(30))
                .build();
    }

    @Test
    void isNotReadyAndNamesTheDependency() {
        Map<String, Object> body = Probes.readiness(port, 503);
        assertThat(body).containsEntry("status", "DOWN").containsEntry("code", "SERVICE_UNAVAILABLE");
        assertThat(body.get("failing")).isEqualTo(java.util.List.of("redis"));
        assertThat(body.get("error")).isEqualTo("Not ready: redis unavailable");
    }
}
