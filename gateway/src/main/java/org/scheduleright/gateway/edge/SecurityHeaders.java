package org.scheduleright.gateway.edge;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Puts the contract's security headers on every response, whoever writes it (a handler, a backend, an error handler
 * or a rate limit), by setting them just before the response is committed; adds HSTS when enabled (production). The
 * API's Content-Security-Policy allows nothing; the public booking page's paths get one that allows the page's own
 * script, stylesheet, images and calls to this origin, and still no inline script or style, no framing and no plugin.
 */
class SecurityHeaders implements WebFilter, Ordered {

    static final String HSTS = "max-age=31536000; includeSubDomains; preload";
    /**
     * Swagger UI ({@code /docs}, outside production) loads its own scripts, styles and images and calls the API from
     * the page; nothing inline, nothing from elsewhere.
     */
    static final String DOCS_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /** The booking page ({@code /book/{siteId}}) and its assets; everything else is API. */
    static final List<String> PAGE_PATHS = List.of("/book/", "/assets/booking/");

    private final boolean hsts;

    SecurityHeaders(boolean hsts) {
        this.hsts = hsts;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpResponse response = exchange.getResponse();
        String policy = policyFor(
                exchange.getRequest().getPath().pathWithinApplication().value());
        apply(response.getHeaders(), policy);
        response.beforeCommit(() -> {
            apply(response.getHeaders(), policy);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    /** The Content-Security-Policy of a response to {@code path}. */
    static String policyFor(String path) {
        if (PAGE_PATHS.stream().anyMatch(path::startsWith)) {
            return PAGE_POLICY;
        }
        return path.equals("/docs") || path.startsWith("/swagger-ui/") ? DOCS_POLICY : API_POLICY;
    }

    private void apply(HttpHeaders headers, String policy) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-XSS-Protection", "1; mode=block");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
        headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        headers.set("Content-Security-Policy", policy);
        if (hsts) {
            headers.set("Strict-Transport-Security", HSTS);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
