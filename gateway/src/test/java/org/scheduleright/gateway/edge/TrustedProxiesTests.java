package org.scheduleright.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** Which client address a request stands for, depending on who delivered it. */
class TrustedProxiesTests {

    private final TrustedProxies proxies = new TrustedProxies(List.of("127.0.0.0/8", "10.0.0.0/8", "::1/128"));

    @Test
    void believesTheForwardedClientOfATrustedProxy() {
        assertThat(proxies.clientAddress(request("127.0.0.1", "198.51.100.7"))).isEqualTo("198.51.100.7");
    }

    @Test
    void skipsTrustedHopsFromTheRight() {
        assertThat(proxies.clientAddress(request("127.0.0.1", "203.0.113.1, 198.51.100.7, 10.0.0.5")))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void ignoresTheHeaderFromAnUntrustedPeer() {
        assertThat(proxies.clientAddress(request("192.0.2.50", "198.51.100.7"))).isEqualTo("192.0.2.50");
    }

    @Test
    void ignoresGarbageInTheHeader() {
        assertThat(proxies.clientAddress(request("127.0.0.1", "not-an-ip"))).isEqualTo("127.0.0.1");
    }

    @Test
    void refusesAnInvalidRange() {
        assertThatThrownBy(() -> new TrustedProxies(List.of("example.com/8")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static MockServerHttpRequest request(String peer, String forwardedFor) {
        return MockServerHttpRequest.get("http://gateway/")
                .remoteAddress(new InetSocketAddress(peer, 40000))
                .header("X-Forwarded-For", forwardedFor)
                .build();
    }
}
