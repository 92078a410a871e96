package org.scheduleright.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.scheduleright.platform.testing.ProxiedKafka;
import org.scheduleright.platform.testing.ServiceTestProperties;
import org.scheduleright.platform.testing.TcpProxy;
import org.scheduleright.platform.testing.TestInfrastructure;
import org.scheduleright.platform.testing.TestJwks;
import org.scheduleright.platform.web.PlatformTestApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Readiness follows the real dependencies: MySQL, Redis and Kafka are each reached through a proxy the test cuts and
 * restores, and readiness names the one that is gone and recovers by itself when it is back.
 */
@SpringBootTest(
        classes = PlatformTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=platform-test", "scheduleright.readiness.timeout=1s"})
class ReadinessIntegrationTests {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final Duration RECOVERY = Duration.ofSeconds(60);

    static final TcpProxy mysql = new TcpProxy(
            TestInfrastructure.mysql().host(), TestInfrastructure.mysql().port());
    static final TcpProxy redis =
            new TcpProxy(java.net.URI.create(TestInfrastructure.redisUrl()).getHost(), redisPort());
    static final ProxiedKafka kafka = ProxiedKafka.start();
    static final TestJwks jwks = new TestJwks();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        ServiceTestProperties.database(registry, TestInfrastructure.databases(), "booking");
        registry.add("scheduleright.db.host", () -> "127.0.0.1");
        registry.add("scheduleright.db.port", mysql::port);
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + redis.port());
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add("scheduleright.auth.jwks-uri", jwks::jwksUri);
    }

    @AfterAll
    static void stop() {
        mysql.close();
        redis.close();
        kafka.close();
        jwks.close();
    }

    @Test
    void readinessNamesEachUnreachableDependencyAndRecoversWhenItReturns() {
        awaitReady();

        mysql.cut();
        await().atMost(RECOVERY).untilAsserted(() -> {
            Map<String, Object> down = readiness(503);
            assertThat(down).containsEntry("status", "DOWN").containsEntry("code", "SERVICE_UNAVAILABLE");
            assertThat(down.get("checks")).isEqualTo(Map.of("mysql", "DOWN", "redis", "UP", "kafka", "UP"));
            assertThat(down.get("error")).isEqualTo("Not ready: mysql unavailable");
        });
        mysql.restore();
        awaitReady();

        redis.cut();
        await().atMost(RECOVERY)
                .untilAsserted(() -> assertThat(readiness(503).get("checks"))
                        .isEqualTo(Map.of("mysql", "UP", "redis", "DOWN", "kafka", "UP")));
        redis.restore();
        awaitReady();

        kafka.proxy().cut();
        await().atMost(RECOVERY)
                .untilAsserted(() -> assertThat(readiness(503).get("checks"))
                        .isEqualTo(Map.of("mysql", "UP", "redis", "UP", "kafka", "DOWN")));
        kafka.proxy().restore();
        awaitReady();
    }

    @Test
    void livenessNeverChecksDependencies() {
        mysql.cut();
        try {
            client().get()
                    .uri("/health")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("UP");
        } finally {
            mysql.restore();
        }
    }

    @Test
    void statusShowsVersionUptimeAndDependenciesButNoHosts() {
        String body = client().get()
                .uri("/status")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).contains("\"service\":\"platform-test\"", "\"uptimeSeconds\"", "\"dependencies\"");
        assertThat(body).doesNotContain("127.0.0.1", "localhost", "password", String.valueOf(mysql.port()));
    }

    @Test
    void metricsArePrometheusText() {
        String body = client().get()
                .uri("/metrics")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).contains("# TYPE jvm_memory_used_bytes gauge");
    }

    private void awaitReady() {
        await().atMost(RECOVERY)
                .untilAsserted(() -> assertThat(readiness(200))
                        .containsEntry("status", "UP")
                        .containsEntry("checks", Map.of("mysql", "UP", "redis", "UP", "kafka", "UP")));
    }

    private Map<String, Object> readiness(int expectedStatus) {
        EntityExchangeResult<Map<String, Object>> result = client().get()
                .uri("/readiness")
                .exchange()
                .expectStatus()
                .isEqualTo(expectedStatus)
                .expectBody(JSON)
                .returnResult();
        return result.getResponseBody();
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static int redisPort() {
        return java.net.URI.create(TestInfrastructure.redisUrl()).getPort();
    }
}
