package org.scheduleright.gateway;

import org.scheduleright.platform.testing.Probes;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;

/** An extra route, for tests only, to a port where nothing listens: a backend that is down. */
@TestConfiguration(proxyBeanMethods = false)
class DeadBackendRoute {

    static final String PATH = "/api/v1/test-dead-backend/**";

    @Bean
    RouteLocator deadBackendRoute(RouteLocatorBuilder builder) {
        return builder.routes()
                .route("dead-backend", r -> r.path(PATH).uri("http://127.0.0.1:" + Probes.deadPort()))
                .build();
    }
}
