package org.scheduleright.booking.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scheduleright.booking.BookingIntegrationTest;

/**
 * A client that sends one request after another on one HTTP/1.1 client, as the gateway's connection pool does, is
 * always answered. With keep-alive connections, Reactor Netty 1.3.6 left a request unread when it arrived before the
 * previous exchange had terminated (reactor/reactor-netty#4361) until the client gave up: this loop hit that within a
 * few dozen requests. service-platform.yml now closes each connection after its response.
 */
class KeepAliveIntegrationTests extends BookingIntegrationTest {

    @Test
    void requestAfterRequestIsAnsweredWithoutStalling() throws Exception {
        String org = newOrganisation("Europe/Paris");
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        List<Integer> statuses = new ArrayList<>();
        for (int round = 0; round < 100; round++) {
            statuses.add(send(http, get("/api/v1/orgs/" + org).header("Authorization", "Bearer " + adminToken())));
            statuses.add(send(
                    http,
                    request("/api/v1/orgs")
                            .header("Authorization", "Bearer " + adminToken())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"name\":\"Care " + UUID.randomUUID() + "\",\"timezone\":\"Europe/Paris\"}"))));
            statuses.add(send(http, get("/api/v1/orgs/" + org + "/sites")));
        }
        assertThat(statuses).hasSize(300);
        for (int i = 0; i < statuses.size(); i += 3) {
            assertThat(statuses.subList(i, i + 3)).containsExactly(200, 201, 401);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(5));
    }

    private HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    /** Fails with {@link java.net.http.HttpTimeoutException} when the server leaves the request unread. */
    private static int send(HttpClient http, HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
