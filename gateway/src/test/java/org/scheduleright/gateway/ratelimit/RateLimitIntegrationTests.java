package org.scheduleright.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scheduleright.gateway.GatewayApplication;
import org.scheduleright.gateway.GatewayIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The contract's limits, shared through Redis by every replica, with their headers and exemptions. */
class RateLimitIntegrationTests extends GatewayIntegrationTest {

    @Autowired
    Environment environment;

    @Test
    void everyLimitedResponseCarriesTheRateLimitHeaders() {
        client.get()
                .uri("/api/v1/users/me")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("X-RateLimit-Limit", "100")
                .expectHeader()
                .valueEquals("X-RateLimit-Remaining", "99")
                .expectHeader()
                .value(
                        "X-RateLimit-Reset",
                        reset -> assertThat(Long.parseLong(reset)).isBetween(1L, 900L))
                .expectHeader()
                .valueEquals("RateLimit-Policy", "\"standard\";q=100;w=900")
                .expectHeader()
                .value("RateLimit", field -> assertThat(field).matches("\"standard\";r=99;t=\\d+"));
    }

    @Test
    void theAuthLimitRefusesTheEleventhRequestWithRetryAfter() {
        for (int i = 0; i < 10; i++) {
            refreshWithGarbage(client).expectStatus().isUnauthorized();
        }
        refreshWithGarbage(client)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals("X-RateLimit-Remaining", "0")
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY")
                .expectHeader()
                .value(
                        HttpHeaders.RETRY_AFTER,
                        retry -> assertThat(Long.parseLong(retry)).isPositive())
                .expectHeader()
                .value("RateLimit", field -> assertThat(field).startsWith("\"auth\";r=0;t="))
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("RATE_LIMIT_EXCEEDED");
        String metrics = client.get()
                .uri("/metrics")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(metrics).contains("scheduleright_ratelimit_rejections_total{limit=\"auth\"");
    }

    @Test
    void retryAfterIsNeverEarlierThanTheAdvertisedDelay() {
        for (int i = 0; i < 10; i++) {
            refreshWithGarbage(client);
        }
        var result = refreshWithGarbage(client).expectStatus().isEqualTo(429).returnResult(String.class);
        long retryAfter = Long.parseLong(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        String field = result.getResponseHeaders().getFirst("RateLimit");
        long t = Long.parseLong(field.substring(field.indexOf(";t=") + 3));
        assertThat(retryAfter).isGreaterThanOrEqualTo(t);
    }

    @Test
    void theProbesAreNeverLimited() {
        for (int i = 0; i < 120; i++) {
            client.get()
                    .uri("/health")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .doesNotExist("X-RateLimit-Limit");
        }
    }

    @Test
    void aSpoofedForwardedForFromAnUntrustedPeerDoesNotResetTheLimit() {
        WebTestClient untrusted = clientBoundTo("127.0.0.3");
        for (int i = 0; i < 10; i++) {
            refreshWithGarbage(untrusted, randomIp()).expectStatus().isUnauthorized();
        }
        refreshWithGarbage(untrusted, randomIp()).expectStatus().isEqualTo(429);
    }

    @Test
    void reminderSendsAreLimitedPerUser() {
        String token = accessToken(
                createUser("STAFF", UUID.randomUUID().toString(), "a long enough password"), "a long enough password");
        for (int i = 0; i < 10; i++) {
            sendReminder(token).expectStatus().isOk();
        }
        sendReminder(token)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals("RateLimit-Policy", "\"standard\";q=100;w=900, \"reminder-send\";q=10;w=3600");
        String otherUser = accessToken(
                createUser("STAFF", UUID.randomUUID().toString(), "a long enough password"), "a long enough password");
        sendReminder(otherUser).expectStatus().isOk();
    }

    @Test
    void forgedTokensNamingAUserDoNotDrainThatUsersReminderSends() throws Exception {
        String email = createUser("STAFF", UUID.randomUUID().toString(), "a long enough password");
        Map<String, Object> login = login(email, "a long enough password");
        String victim = (String) ((Map<?, ?>) login.get("user")).get("id");
        ECKey foreignKey = new ECKeyGenerator(Curve.P_256).keyID("forged").generate();
        for (int i = 0; i < 12; i++) {
            SignedJWT forged = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(foreignKey.getKeyID())
                            .build(),
                    new JWTClaimsSet.Builder()
                            .subject(victim)
                            .issuer("scheduleright-gateway")
                            .audience("scheduleright-api")
                            .claim("roles", List.of("STAFF"))
                            .jwtID(UUID.randomUUID().toString())
                            .issueTime(new Date())
                            .expirationTime(new Date(System.currentTimeMillis() + 600_000))
                            .build());
            forged.sign(new ECDSASigner(foreignKey));
            sendReminder(forged.serialize()).expectStatus().isUnauthorized();
        }
        sendReminder((String) login.get("accessToken"))
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-RateLimit-Remaining", "9");
    }

    @Test
    void aClientCannotDoubleItsAllowanceByAlternatingBetweenTwoReplicas() {
        try (ConfigurableApplicationContext second = startSecondReplica()) {
            int secondPort =
                    ((WebServerApplicationContext) second).getWebServer().getPort();
            WebTestClient replicaB = WebTestClient.bindToServer()
                    .baseUrl("http://127.0.0.1:" + secondPort)
                    .defaultHeader("X-Forwarded-For", clientIp)
                    .build();
            for (int i = 0; i < 10; i++) {
                refreshWithGarbage(i % 2 == 0 ? client : replicaB)
                        .expectStatus()
                        .isUnauthorized();
            }
            refreshWithGarbage(client).expectStatus().isEqualTo(429);
            refreshWithGarbage(replicaB).expectStatus().isEqualTo(429);
        }
    }

    private ConfigurableApplicationContext startSecondReplica() {
        List<String> arguments = new java.util.ArrayList<>();
        for (String key : List.of(
                "scheduleright.db.host",
                "scheduleright.db.port",
                "scheduleright.db.database",
                "scheduleright.db.user",
                "scheduleright.db.password",
                "scheduleright.db.migration-user",
                "scheduleright.db.migration-password",
                "spring.data.redis.url",
                "spring.kafka.bootstrap-servers",
                "scheduleright.ratelimit.key-prefix",
                "scheduleright.edge.trusted-proxies",
                "scheduleright.routing.booking-service-url",
                "scheduleright.routing.reminder-service-url")) {
            arguments.add("--" + key + "=" + environment.getRequiredProperty(key));
        }
        arguments.add("--server.port=0");
        return new SpringApplicationBuilder(GatewayApplication.class).run(arguments.toArray(String[]::new));
    }

    private static WebTestClient.ResponseSpec refreshWithGarbage(WebTestClient client) {
        return client.post()
                .uri("/api/v1/auth/refresh")
                .header("Content-Type", "application/json")
                .bodyValue("{\"refreshToken\":\"garbage\"}")
                .exchange();
    }

    private static WebTestClient.ResponseSpec refreshWithGarbage(WebTestClient client, String forwardedFor) {
        return client.post()
                .uri("/api/v1/auth/refresh")
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .bodyValue("{\"refreshToken\":\"garbage\"}")
                .exchange();
    }

    private WebTestClient.ResponseSpec sendReminder(String token) {
        return client.post()
                .uri("/api/v1/reminders/send")
                .headers(h -> h.setBearerAuth(token))
                .header("Content-Type", "application/json")
                .bodyValue("{\"bookingId\":\"" + UUID.randomUUID() + "\"}")
                .exchange();
    }
}
