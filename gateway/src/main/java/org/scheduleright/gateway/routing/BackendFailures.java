package org.scheduleright.gateway.routing;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Answers 503 {@code SERVICE_UNAVAILABLE} when a backend refuses, drops or does not answer a forwarded request. */
class BackendFailures implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(BackendFailures.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorMap(BackendFailures::isBackendFailure, failure -> {
            Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            log.warn(
                    "Backend of route {} is unavailable: {}",
                    route == null ? "?" : route.getId(),
                    failure.getClass().getSimpleName());
            return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Service temporarily unavailable");
        });
    }

    private static boolean isBackendFailure(Throwable failure) {
        if (failure instanceof ApiException) {
            return false;
        }
        if (failure instanceof ResponseStatusException status) {
            return status.getStatusCode().is5xxServerError();
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
