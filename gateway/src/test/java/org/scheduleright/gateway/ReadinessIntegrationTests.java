package org.scheduleright.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scheduleright.platform.testing.Probes;

/** The gateway is ready only when MySQL and Redis answer. */
class ReadinessIntegrationTests extends GatewayIntegrationTest {

    @Test
    void isReadyAndListsEachDependency() {
        Map<String, Object> body = Probes.readiness(port, 200);
        assertThat(body).containsEntry("status", "UP").containsEntry("checks", Map.of("mysql", "UP", "redis", "UP"));
    }
}
