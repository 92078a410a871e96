package org.scheduleright.platform.auth;

import java.util.List;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Requires a verified bearer token on every {@code /api/**} path except the configured open ones, and makes the
 * caller available to handlers as an {@link AuthenticatedUser} argument.
 */
public final class BearerTokenFilter implements WebFilter {

    /** Exchange attribute that holds the verified {@link AuthenticatedUser}. */
    public static final String USER_ATTRIBUTE = AuthenticatedUser.class.getName();

    private static final PathPattern PROTECTED = PathPatternParser.defaultInstance.parse("/api/**");

    private final AccessTokenVerifier verifier;
    private final List<PathPattern> openPaths;

    public BearerTokenFilter(AccessTokenVerifier verifier, List<String> openPaths) {
        this.verifier = verifier;
        this.openPaths =
                openPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    /**
     * Whether a request to {@code path} needs a token: the same decision as {@link #filter}, also made for a path
     * template such as {@code /api/v1/bookings/{id}} (the API documentation marks its operations with it).
     */
    public boolean requiresToken(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return PROTECTED.matches(container) && openPaths.stream().noneMatch(pattern -> pattern.matches(container));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (!PROTECTED.matches(path)
                || exchange.getRequest().getMethod() == HttpMethod.OPTIONS
                || openPaths.stream().anyMatch(pattern -> pattern.matches(path))) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Mono.error(new ApiException(ErrorCode.INVALID_TOKEN, "Access token is missing or invalid"));
        }
        return verifier.verify(header.substring(7).trim()).flatMap(user -> {
            exchange.getAttributes().put(USER_ATTRIBUTE, user);
            return chain.filter(exchange);
        });
    }
}
