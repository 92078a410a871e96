package org.scheduleright.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes W3C {@code traceparent} values, for work that outlives the span that caused it: a booking event
 * stored in the outbox and published later, a reminder whose send runs hours later in a trace of its own and links
 * back to what planned it.
 */
public final class TraceParents {

    private static final String TRACEPARENT = "traceparent";

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<String> ONE_VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private TraceParents() {}

    /** The traceparent of the span current on this thread, or null outside any trace. */
    public static String current() {
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * The traceparent of the current span, or of a new sampled root context when there is none, so that everything
     * stored carries one.
     */
    public static String currentOrNewRoot() {
        String current = current();
        if (current != null) {
            return current;
        }
        byte[] trace = new byte[16];
        byte[] parent = new byte[8];
        RANDOM.nextBytes(trace);
        RANDOM.nextBytes(parent);
        return "00-" + HexFormat.of().formatHex(trace) + "-" + HexFormat.of().formatHex(parent) + "-01";
    }

    /** The span context a stored traceparent names; invalid when it is null or malformed. */
    public static SpanContext parse(String traceparent) {
        if (traceparent == null) {
            return SpanContext.getInvalid();
        }
        return Span.fromContext(W3C.extract(Context.root(), traceparent, ONE_VALUE))
                .getSpanContext();
    }
}
