package org.scheduleright.gateway.edge;

import java.net.URI;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * In production, answers a request that reached the trusted proxy over plain HTTP ({@code X-Forwarded-Proto: http})
 * with 301 to the same https URL; the operational probes are exempt.
 */
class HttpsRedirect implements WebFilter, Ordered {

    static final Set<String> PROBES = Set.of("/health", "/readiness", "/status", "/metrics");

    private final TrustedProxies trustedProxies;

    HttpsRedirect(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (PROBES.contains(request.getPath().value())
                || !trustedProxies.trustsPeerOf(request)
                || !"http".equalsIgnoreCase(first(request.getHeaders().getFirst("X-Forwarded-Proto")))) {
            return chain.filter(exchange);
        }
        String host = first(request.getHeaders().getFirst("X-Forwarded-Host"));
        if (host == null || host.isBlank()) {
            host = request.getHeaders().getFirst(HttpHeaders.HOST);
        }
        if (host == null || !host.matches("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9a-fA-F:.]+](:\\d{1,5})?")) {
            return chain.filter(exchange);
        }
        URI target = UriComponentsBuilder.fromUri(request.getURI())
                .scheme("https")
                .host(host.replaceFirst(":\\d+$", ""))
                .port(null)
                .build(true)
                .toUri();
        exchange.getResponse().setStatusCode(HttpStatus.MOVED_PERMANENTLY);
        exchange.getResponse().getHeaders().setLocation(target);
        return exchange.getResponse().setComplete();
    }

    private static String first(String value) {
        if (value == null) {
            return null;
        }
        int comma = value.indexOf(',');
        return (comma < 0 ? value : value.substring(0, comma)).trim();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
