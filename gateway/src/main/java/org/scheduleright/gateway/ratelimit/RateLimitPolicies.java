package org.scheduleright.gateway.ratelimit;

import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * The rate limits a request counts against, as the {@code RateLimit-Policy} items it is answered with (for example
 * {@code "standard";q=100;w=900}), decided by the {@link RateLimitFilter} itself; the API document shows them.
 */
public final class RateLimitPolicies {

    private final RateLimitFilter filter;

    RateLimitPolicies(RateLimitFilter filter) {
        this.filter = filter;
    }

    /** The policy items for {@code method} on {@code path} (a path template is fine); empty when never limited. */
    public List<String> policiesFor(String method, String path) {
        return filter.limitsFor(HttpMethod.valueOf(method), path).stream()
                .map(Limit::policy)
                .toList();
    }
}
