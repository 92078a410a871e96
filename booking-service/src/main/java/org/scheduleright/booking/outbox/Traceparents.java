package org.scheduleright.booking.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Gives the W3C {@code traceparent} of the current span, so that an event carries the trace of its request. */
@Component
public class Traceparents {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectProvider<Tracer> tracer;

    Traceparents(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    /** The current span's traceparent, or a new root one when no span is current. */
    public String current() {
        Tracer current = tracer.getIfAvailable();
        Span span = current == null ? null : current.currentSpan();
        if (span != null) {
            TraceContext context = span.context();
            String traceparent = "00-" + context.traceId() + "-" + context.spanId() + "-"
                    + (Boolean.FALSE.equals(context.sampled()) ? "00" : "01");
            if (traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")) {
                return traceparent;
            }
        }
        byte[] trace = new byte[16];
        byte[] parent = new byte[8];
        RANDOM.nextBytes(trace);
        RANDOM.nextBytes(parent);
        return "00-" + HexFormat.of().formatHex(trace) + "-" + HexFormat.of().formatHex(parent) + "-01";
    }
}
