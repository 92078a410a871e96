package org.scheduleright.platform.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Calls a running service's operational endpoints the way an orchestrator's probes do. */
public final class Probes {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private Probes() {}

    /** The body of {@code GET /readiness}, asserting its status code. */
    public static Map<String, Object> readiness(int port, int expectedStatus) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build()
                .get()
                .uri("/readiness")
                .exchange()
                .expectStatus()
                .isEqualTo(expectedStatus)
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    /** A loopback port nothing listens on, to point a dependency at. */
    public static int deadPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
