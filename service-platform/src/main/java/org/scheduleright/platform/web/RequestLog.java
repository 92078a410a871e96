package org.scheduleright.platform.web;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.util.UriUtils;

/**
 * Logs one line per HTTP request — method, path without query string, status and duration — with the request's trace
 * and span ids. It hooks the server request observation rather than the filter chain because that observation ends
 * after the error handlers have written their response, so failed requests are logged with their real status.
 * Probe and scrape requests are logged at DEBUG only.
 */
public final class RequestLog implements ObservationHandler<ServerRequestObservationContext> {

    private static final Logger log = LoggerFactory.getLogger(RequestLog.class);

    private static final Set<String> PROBES = Set.of("/health", "/readiness", "/metrics");

    private final Tracer tracer;

    /** @param tracer the tracer whose span ids go into the line's MDC; {@link Tracer#NOOP} logs without them */
    public RequestLog(Tracer tracer) {
        this.tracer = tracer;
    }

    /** When the request started, kept on the observation context. */
    private record Started(long nanos) {}

    @Override
    public void onStart(ServerRequestObservationContext context) {
        context.put(Started.class, new Started(System.nanoTime()));
    }

    @Override
    public void onStop(ServerRequestObservationContext context) {
        ServerHttpRequest request = context.getCarrier();
        String path = decoded(request.getPath().value());
        Level level = PROBES.contains(path) ? Level.DEBUG : Level.INFO;
        if (!log.isEnabledForLevel(level)) {
            return;
        }
        Started started = context.get(Started.class);
        long millis = started == null ? 0 : (System.nanoTime() - started.nanos()) / 1_000_000;
        HttpStatusCode code =
                context.getResponse() == null ? null : context.getResponse().getStatusCode();
        int status = code == null ? 0 : code.value();
        String method = request.getMethod().name();
        Span span = spanOf(context);
        if (span == null) {
            write(level, method, path, status, millis, context.isConnectionAborted());
            return;
        }
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            write(level, method, path, status, millis, context.isConnectionAborted());
        }
    }

    private static void write(Level level, String method, String path, int status, long millis, boolean aborted) {
        log.atLevel(level)
                .addKeyValue("http.request.method", method)
                .addKeyValue("url.path", path)
                .addKeyValue("http.response.status_code", status)
                .addKeyValue("event.duration_ms", millis)
                .log("{} {} {} {} ms{}", method, path, status, millis, aborted ? " (client went away)" : "");
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ServerRequestObservationContext;
    }

    /**
     * Decoded, so that the log masking also sees personal data that was percent-encoded in the path; a malformed
     * encoding (which the server normally refuses before routing) is logged as sent rather than failing the request.
     */
    private static String decoded(String path) {
        try {
            return UriUtils.decode(path, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return path;
        }
    }

    private static Span spanOf(ServerRequestObservationContext context) {
        TracingContext tracing = context.get(TracingContext.class);
        return tracing == null ? null : tracing.getSpan();
    }
}
