package org.scheduleright.gateway.routing;

import java.util.Locale;
import java.util.Set;
import org.scheduleright.gateway.edge.TrustedProxies;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Decides the headers a backend sees about the caller: identity headers sent by clients are always dropped, and
 * {@code X-Forwarded-For}/{@code -Proto}/{@code -Host} are rebuilt from what the gateway itself knows, believing the
 * incoming ones only from a trusted proxy.
 */
class ForwardedHeaderSanitiser implements HttpHeadersFilter, Ordered {

    static final Set<String> IDENTITY_HEADERS = Set.of("x-user-id", "x-org-id", "x-roles", "x-user-roles");

    private final TrustedProxies trustedProxies;

    ForwardedHeaderSanitiser(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        boolean trusted = trustedProxies.trustsPeerOf(request);
        HttpHeaders original = request.getHeaders();
        HttpHeaders output = new HttpHeaders();
        input.forEach((name, values) -> {
            if (!isSpoofable(name.toLowerCase(Locale.ROOT))) {
                output.put(name, values);
            }
        });
        output.set("X-Forwarded-For", trustedProxies.clientAddress(request));
        String proto = trusted ? original.getFirst("X-Forwarded-Proto") : null;
        output.set("X-Forwarded-Proto", proto != null ? proto : request.getURI().getScheme());
        String host = trusted ? original.getFirst("X-Forwarded-Host") : null;
        if (host == null) {
            host = original.getFirst(HttpHeaders.HOST);
        }
        if (host != null) {
            output.set("X-Forwarded-Host", host);
        }
        return output;
    }

    private static boolean isSpoofable(String name) {
        return IDENTITY_HEADERS.contains(name)
                || name.equals("forwarded")
                || name.startsWith("x-forwarded-")
                || name.equals("x-real-ip")
                || name.equals("proxy-authorization");
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
