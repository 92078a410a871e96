package org.scheduleright.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scheduleright.gateway.GatewayIntegrationTest;
import org.scheduleright.gateway.NettyBackendRoute;

/**
 * booking-service's keep-alive scenario through the gateway, on both hops: one HTTP/1.1 client sends request after
 * request — proxied to a Reactor Netty backend answering later or at once, with and without a body, and refused by the
 * gateway itself — and every one is answered. Reactor Netty 1.3.6 with keep-alive left such a request unread
 * (reactor/reactor-netty#4361) within a few dozen requests, until the client gave up.
 */
class KeepAliveIntegrationTests extends GatewayIntegrationTest {

    @Test
    void requestAfterRequestIsAnsweredWithoutStallingOnEitherHop() throws Exception {
        String token = adminToken();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        List<Integer> statuses = new ArrayList<>();
        for (int round = 0; round < 100; round++) {
            statuses.add(send(
                    http, request(NettyBackendRoute.PREFIX + "/later").header("Authorization", "Bearer " + token)));
            statuses.add(send(
                    http,
                    request(NettyBackendRoute.PREFIX + "/now")
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"round\":" + round + "}"))));
            statuses.add(send(http, request("/api/v1/users/me")));
        }
        assertThat(statuses).hasSize(300);
        for (int i = 0; i < statuses.size(); i += 3) {
            assertThat(statuses.subList(i, i + 3)).containsExactly(200, 200, 401);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-Forwarded-For", randomIp())
                .timeout(Duration.ofSeconds(5));
    }

    /** Fails with {@link java.net.http.HttpTimeoutException} when a hop leaves the request unread. */
    private static int send(HttpClient http, HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
