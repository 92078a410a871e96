package org.scheduleright.gateway.edge;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Puts the contract's security headers on every response, whoever writes it (a handler, a backend, an error handler
 * or a rate limit), by setting them just before the response is committed; adds HSTS when enabled (production).
 */
class SecurityHeaders implements WebFilter, Ordered {

    static final String HSTS = "max-age=31536000; includeSubDomains; preload";
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";
    /**
     * Swagger UI ({@code /docs}, outside production) loads its own scripts, styles and images and calls the API from
     * the page; nothing inline, nothing from elsewhere.
     */
    static final String DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final boolean hsts;

    SecurityHeaders(boolean hsts) {
        this.hsts = hsts;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpResponse response = exchange.getResponse();
        String path = exchange.getRequest().getPath().value();
        String csp = path.equals("/docs") || path.startsWith("/swagger-ui/") ? DOCS_CSP : API_CSP;
        apply(response.getHeaders(), csp);
        response.beforeCommit(() -> {
            apply(response.getHeaders(), csp);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private void apply(HttpHeaders headers, String csp) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-XSS-Protection", "1; mode=block");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
        headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        headers.set("Content-Security-Policy", csp);
        if (hsts) {
            headers.set("Strict-Transport-Security", HSTS);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
