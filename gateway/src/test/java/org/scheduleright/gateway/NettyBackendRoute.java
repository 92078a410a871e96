package org.scheduleright.gateway;

import java.time.Duration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * An extra route, for tests only, to a Reactor Netty backend with keep-alive (as every service runs): a path ending in
 * {@code /later} is answered after a few milliseconds, any other at once, so that both hops see the mix of
 * asynchronous and synchronous exchanges that made Reactor Netty 1.3.6 stop reading a keep-alive connection.
 */
@TestConfiguration(proxyBeanMethods = false)
public class NettyBackendRoute {

    public static final String PREFIX = "/api/v1/test-netty-backend";

    /** Event loops of its own: Boot disposes the global ones whenever another test context closes. */
    @Bean(destroyMethod = "disposeLater")
    LoopResources nettyBackendLoops() {
        return LoopResources.create("netty-backend", 1, true);
    }

    @Bean(destroyMethod = "disposeNow")
    DisposableServer nettyBackend(LoopResources nettyBackendLoops) {
        return HttpServer.create()
                .runOn(nettyBackendLoops)
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> request.receive()
                        .aggregate()
                        .asString()
                        .defaultIfEmpty("")
                        .flatMap(body -> request.uri().endsWith("/later")
                                ? Mono.delay(Duration.ofMillis(3)).thenReturn("{\"answered\":\"later\"}")
                                : Mono.just("{\"answered\":\"at once\"}"))
                        .flatMap(json -> response.header("Content-Type", "application/json")
                                .sendString(Mono.just(json))
                                .then()))
                .bindNow(Duration.ofSeconds(10));
    }

    @Bean
    RouteLocator nettyBackendRoute(RouteLocatorBuilder builder, DisposableServer nettyBackend) {
        return builder.routes()
                .route("netty-backend", r -> r.path(PREFIX + "/**").uri("http://127.0.0.1:" + nettyBackend.port()))
                .build();
    }
}
