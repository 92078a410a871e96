package org.scheduleright.gateway.edge;

import java.nio.charset.StandardCharsets;
import org.scheduleright.platform.error.ErrorCode;
import org.scheduleright.platform.error.ErrorResponses;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * Refuses, with 400 {@code VALIDATION_ERROR}, every request path that is not spelled canonically: an empty segment
 * ({@code //}, a trailing {@code /}), a {@code .} or {@code ..} segment, a path parameter ({@code ;x}), a
 * percent-encoded character that needs no encoding ({@code %61} for {@code a}), an encoded {@code /} or {@code \}, or a
 * control character. What remains reads the same raw and decoded, so the rate-limit classification, the open-path
 * decision, the routes and the handlers all see one and the same path (a spelling cannot skip a limit or a token).
 */
final class CanonicalPaths implements WebFilter, Ordered {

    private final ErrorResponses errors;

    CanonicalPaths(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (isCanonical(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        return errors.write(exchange, ErrorCode.VALIDATION_ERROR, "The request path is not in canonical form");
    }

    /** Whether {@code rawPath} (as sent, still percent-encoded) is the one spelling of its decoded path. */
    static boolean isCanonical(String rawPath) {
        if (rawPath.equals("/")) {
            return true;
        }
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return false;
        }
        int start = 1;
        while (start <= rawPath.length()) {
            int end = rawPath.indexOf('/', start);
            if (end < 0) {
                end = rawPath.length();
            }
            if (!isCanonicalSegment(rawPath.substring(start, end))) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    private static boolean isCanonicalSegment(String raw) {
        if (raw.isEmpty() || raw.equals(".") || raw.equals("..") || raw.indexOf(';') >= 0) {
            return false;
        }
        if (raw.indexOf('%') < 0) {
            return raw.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == '\\');
        }
        String decoded;
        try {
            decoded = UriUtils.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (decoded.equals(".")
                || decoded.equals("..")
                || decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ';')) {
            return false;
        }
        return UriUtils.encodePathSegment(decoded, StandardCharsets.UTF_8).equalsIgnoreCase(raw);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 3;
    }
}
