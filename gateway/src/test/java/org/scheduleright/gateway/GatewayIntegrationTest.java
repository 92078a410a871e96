package org.scheduleright.gateway;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.scheduleright.platform.testing.RecordedSpans;
import org.scheduleright.platform.testing.ServiceTestProperties;
import org.scheduleright.platform.testing.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * The one Spring context shared by the gateway's integration tests: real MariaDB/MySQL and Redis, the first ADMIN
 * created from configuration, stub backends for the routes, finished spans kept in memory ({@link RecordedSpans}) and
 * a Redis key prefix of its own. Each test talks as a client of its own (a fresh address forwarded by the trusted
 * loopback proxy) so that rate limits never leak between tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({DeadBackendRoute.class, NettyBackendRoute.class, RecordedSpans.class})
public abstract class GatewayIntegrationTest {

    public static final String ADMIN_EMAIL = "first.admin@example.test";
    public static final String ADMIN_PASSWORD = "correct horse battery staple";
    public static final String ALLOWED_ORIGIN = "https://app.example.test";
    public static final String KEY_PREFIX = "test-" + TestInfrastructure.uniqueSuffix() + ":";

    @LocalServerPort
    protected int port;

    protected String clientIp;
    protected WebTestClient client;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.all(registry, "identity");
        registry.add("scheduleright.identity.admin-email", () -> ADMIN_EMAIL);
        registry.add("scheduleright.identity.admin-password", () -> ADMIN_PASSWORD);
        registry.add("scheduleright.ratelimit.key-prefix", () -> KEY_PREFIX);
        registry.add("scheduleright.routing.booking-service-url", StubBackends::bookingUrl);
        registry.add("scheduleright.routing.reminder-service-url", StubBackends::reminderUrl);
        registry.add("scheduleright.edge.trusted-proxies", () -> "127.0.0.1/32,::1/128");
        registry.add("scheduleright.edge.cors-origins", () -> ALLOWED_ORIGIN);
        registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "2s");
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "100ms");
    }

    @BeforeEach
    void newClient() {
        clientIp = randomIp();
        client = clientFrom(clientIp);
    }

    /**
     * A client whose requests arrive through the trusted loopback proxy on behalf of {@code ip}; it reads bodies up to
     * 16 MiB, because {@code /metrics} of this shared context outgrows the default 256 KiB as the suite runs.
     */
    protected WebTestClient clientFrom(String ip) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("X-Forwarded-For", ip)
                .build();
    }

    /** A client that connects from {@code localAddress} (e.g. 127.0.0.2, which is not a trusted proxy). */
    protected WebTestClient clientBoundTo(String localAddress) {
        HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(localAddress, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    protected static String randomIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    /** A login attempt from a fresh client address, whatever its outcome. */
    protected WebTestClient.ResponseSpec attemptLogin(String email, String password) {
        return clientFrom(randomIp())
                .post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange();
    }

    /** The response body of a successful login. */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> login(String email, String password) {
        return attemptLogin(email, password)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    protected String accessToken(String email, String password) {
        return (String) login(email, password).get("accessToken");
    }

    protected String adminToken() {
        return accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** Creates a user as the first ADMIN and returns its email; the password is {@code password}. */
    protected String createUser(String role, String orgId, String password) {
        String email = "user-" + UUID.randomUUID() + "@example.test";
        attemptCreateUser(email, role, orgId, password).expectStatus().isCreated();
        return email;
    }

    /** Asks, as the first ADMIN, for a user with this email, whatever the outcome. */
    protected WebTestClient.ResponseSpec attemptCreateUser(String email, String role, String orgId, String password) {
        return clientFrom(randomIp())
                .post()
                .uri("/api/v1/users")
                .headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "email",
                        email,
                        "name",
                        "Test User",
                        "password",
                        password,
                        "roles",
                        List.of(role),
                        "orgId",
                        orgId))
                .exchange();
    }
}
