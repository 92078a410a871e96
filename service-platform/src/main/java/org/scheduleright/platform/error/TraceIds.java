package org.scheduleright.platform.error;

import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/** Finds the trace id of the request an exchange belongs to, without relying on thread-local state. */
public final class TraceIds {

    private TraceIds() {}

    /** The current trace id of the exchange's server observation, or {@code null} when it is not traced. */
    public static String of(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> (TracingObservationHandler.TracingContext)
                        context.get(TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .map(span -> span.context().traceId())
                .orElse(null);
    }
}
