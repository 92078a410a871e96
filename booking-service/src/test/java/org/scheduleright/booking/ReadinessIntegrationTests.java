package org.scheduleright.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.scheduleright.platform.testing.Probes;
import org.scheduleright.platform.testing.ServiceTestProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service is ready only when every dependency it uses answers, and says which one does not. */
class ReadinessIntegrationTests {

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class WithEverythingUp {

        @LocalServerPort
        int port;

        @DynamicPropertySource
        static void infrastructure(DynamicPropertyRegistry registry) {
            ServiceTestProperties.all(registry, "booking");
            registry.add("scheduleright.outbox.relay-enabled", () -> "false");
        }

        @Test
        void isReadyAndListsEachDependency() {
            Map<String, Object> body = Probes.readiness(port, 200);
            assertThat(body)
                    .containsEntry("status", "UP")
                    .containsEntry("checks", Map.of("mysql", "UP", "kafka", "UP"));
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class WithKafkaUnreachable {

        @LocalServerPort
        int port;

        @DynamicPropertySource
        static void infrastructure(DynamicPropertyRegistry registry) {
            ServiceTestProperties.all(registry, "booking");
            registry.add("scheduleright.outbox.relay-enabled", () -> "false");
            registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + Probes.deadPort());
        }

        @Test
        void isNotReadyAndNamesTheDependency() {
            Map<String, Object> body = Probes.readiness(port, 503);
            assertThat(body).containsEntry("status", "DOWN").containsEntry("code", "SERVICE_UNAVAILABLE");
            assertThat(body.get("failing")).isEqualTo(java.util.List.of("kafka"));
            assertThat(body.get("error")).isEqualTo("Not ready: kafka unavailable");
        }
    }
}
