package org.scheduleright.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Production's HTTPS enforcement: plain HTTP via a trusted proxy is redirected, probes and untrusted peers are not. */
class HttpsRedirectTests {

    private final HttpsRedirect redirect = new HttpsRedirect(new TrustedProxies(List.of("10.0.0.0/8")));

    @Test
    void redirectsPlainHttpFromATrustedProxyToTheSameHttpsUrl() {
        MockServerWebExchange exchange = exchange("/api/v1/bookings/42?x=1", "10.1.2.3", "http");
        boolean passed = filter(exchange);
        assertThat(passed).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.MOVED_PERMANENTLY);
        assertThat(exchange.getResponse().getHeaders().getLocation())
                .hasToString("https://api.example.test/api/v1/bookings/42?x=1");
    }

    @Test
    void letsHttpsThrough() {
        assertThat(filter(exchange("/api/v1/bookings/42", "10.1.2.3", "https"))).isTrue();
    }

    @Test
    void neverRedirectsTheProbes() {
        for (String probe : List.of("/health", "/readiness", "/status", "/metrics")) {
            assertThat(filter(exchange(probe, "10.1.2.3", "http"))).isTrue();
        }
    }

    @Test
    void ignoresTheProtocolClaimOfAnUntrustedPeer() {
        assertThat(filter(exchange("/api/v1/bookings/42", "192.0.2.7", "http"))).isTrue();
    }

    @Test
    void securityHeadersAddHstsOnlyWhenEnabled() {
        MockServerWebExchange exchange = exchange("/health", "10.1.2.3", "https");
        new SecurityHeaders(true).filter(exchange, e -> Mono.empty()).block();
        assertThat(exchange.getResponse().getHeaders().getFirst("Strict-Transport-Security"))
                .isEqualTo("max-age=31536000; includeSubDomains; preload");
        MockServerWebExchange plain = exchange("/health", "10.1.2.3", "https");
        new SecurityHeaders(false).filter(plain, e -> Mono.empty()).block();
        assertThat(plain.getResponse().getHeaders().containsHeader("Strict-Transport-Security"))
                .isFalse();
    }

    private boolean filter(MockServerWebExchange exchange) {
        boolean[] passed = {false};
        WebFilterChain chain = e -> {
            passed[0] = true;
            return Mono.empty();
        };
        redirect.filter(exchange, chain).block();
        return passed[0];
    }

    private static MockServerWebExchange exchange(String path, String peer, String proto) {
        return MockServerWebExchange.from(MockServerHttpRequest.get("http://gateway.internal:3001" + path)
                .remoteAddress(new InetSocketAddress(peer, 40000))
                .header("X-Forwarded-Proto", proto)
                .header("X-Forwarded-Host", "api.example.test")
                .build());
    }
}
