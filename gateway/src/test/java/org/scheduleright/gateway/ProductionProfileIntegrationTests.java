package org.scheduleright.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scheduleright.platform.testing.ServiceDatabases;
import org.scheduleright.platform.testing.ServiceTestProperties;
import org.scheduleright.platform.testing.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole gateway started in the {@code production} profile with the production startup variables set: plain HTTP
 * is redirected, the probes are not, https answers carry HSTS, the refresh cookie is {@code Secure} and the standard
 * limit is 300.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // Read by the platform's StartupChecks before the context exists, so they are inlined here.
            "JWT_SECRET=production-test-secret-of-more-than-32-characters",
            "CORS_ORIGIN=https://app.example.test",
            // Only checked for being non-empty: the test database's real password comes from ServiceTestProperties.
            "MYSQL_PASSWORD=checked-only-for-presence",
            "MYSQL_MIGRATION_PASSWORD=checked-only-for-presence",
            // Only checked for carrying a password: the connection uses spring.data.redis.url (the test Redis).
            "REDIS_URL=redis://:checked-only-for-presence@127.0.0.1:6379",
            "ADMIN_EMAIL=" + ProductionProfileIntegrationTests.ADMIN_EMAIL,
            "ADMIN_PASSWORD=" + ProductionProfileIntegrationTests.ADMIN_PASSWORD
        })
@ActiveProfiles("production")
class ProductionProfileIntegrationTests {

    static final String ADMIN_EMAIL = "production.admin@example.test";
    static final String ADMIN_PASSWORD = "production horse battery staple";
    private static final String HSTS = "max-age=31536000; includeSubDomains; preload";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceDatabases databases = TestInfrastructure.newDatabases();
        ServiceTestProperties.database(registry, databases, "identity");
        ServiceTestProperties.redis(registry);
        ServiceTestProperties.kafka(registry);
        registry.add(
                "scheduleright.ratelimit.key-prefix", () -> "prod-test-" + TestInfrastructure.uniqueSuffix() + ":");
    }

    @Test
    void aPlainHttpRequestFromTheTrustedProxyIsRedirectedToHttps() {
        client("http")
                .get()
                .uri("/api/v1/users/me?view=full")
                .header("X-Forwarded-Host", "app.example.test")
                .exchange()
                .expectStatus()
                .isEqualTo(301)
                .expectHeader()
                .valueEquals(HttpHeaders.LOCATION, "https://app.example.test/api/v1/users/me?view=full");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/readiness", "/status", "/metrics"})
    void theProbesAreNotRedirected(String probe) {
        int status = client("http")
                .get()
                .uri(probe)
                .exchange()
                .expectHeader()
                .doesNotExist(HttpHeaders.LOCATION)
                .returnResult(String.class)
                .getStatus()
                .value();
        assertThat(status).isNotEqualTo(301).isLessThan(300);
    }

    @Test
    void httpsAnswersCarryHstsAndTheProductionStandardLimit() {
        client("https")
                .get()
                .uri("/.well-known/jwks.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Strict-Transport-Security", HSTS)
                .expectHeader()
                .valueEquals("X-RateLimit-Limit", "300")
                .expectHeader()
                .valueEquals("RateLimit-Policy", "\"standard\";q=300;w=900");
    }

    @Test
    void errorAnswersOverHttpsCarryHstsToo() {
        client("https")
                .get()
                .uri("/api/v1/users/me")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("Strict-Transport-Security", HSTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/docs", "/swagger-ui/index.html", "/swagger-ui/swagger-initializer.js"})
    void swaggerUiIsNotServedInProduction(String path) {
        client("https").get().uri(path).exchange().expectStatus().isNotFound();
    }

    @Test
    void theGatewaysApiDocumentStaysAvailableInProduction() {
        client("https")
                .get()
                .uri("/v3/api-docs/gateway")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/auth/login'].post")
                .exists();
    }

    @Test
    void theLoginRefreshCookieIsSecure() {
        List<String> cookies = client("https")
                .post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Strict-Transport-Security", HSTS)
                .returnResult(String.class)
                .getResponseHeaders()
                .get(HttpHeaders.SET_COOKIE);
        assertThat(cookies)
                .singleElement()
                .satisfies(cookie -> assertThat(cookie)
                        .startsWith("refreshToken=")
                        .contains("; Secure", "HttpOnly", "SameSite=Strict"));
    }

    /** A client whose requests arrive through the trusted loopback proxy, which saw {@code proto}. */
    private WebTestClient client(String proto) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("X-Forwarded-For", GatewayIntegrationTest.randomIp())
                .defaultHeader("X-Forwarded-Proto", proto)
                .build();
    }
}
