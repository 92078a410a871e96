package org.scheduleright.platform.web;

import org.scheduleright.platform.testing.ServiceTestProperties;
import org.scheduleright.platform.testing.TestJwks;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Base of the platform's integration tests: one running test service on the real MySQL, Redis and Kafka. */
@SpringBootTest(
        classes = PlatformTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=platform-test")
abstract class PlatformIntegrationTest {

    static final TestJwks jwks = new TestJwks();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.all(registry, "booking");
        registry.add("scheduleright.auth.jwks-uri", jwks::jwksUri);
    }

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }
}
