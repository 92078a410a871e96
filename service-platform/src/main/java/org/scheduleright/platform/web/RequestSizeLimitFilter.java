package org.scheduleright.platform.web;

import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a request whose declared body exceeds the limit before reading it; bodies without a declared length are
 * bounded by the codecs' in-memory limit, which answers the same 413.
 */
public final class RequestSizeLimitFilter implements WebFilter {

    private final long maxBytes;

    public RequestSizeLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > maxBytes) {
            return Mono.error(new ApiException(
                    ErrorCode.PAYLOAD_TOO_LARGE, "Request body is larger than " + (maxBytes / 1024) + " KiB"));
        }
        return chain.filter(exchange);
    }
}
