package org.scheduleright.platform.tracing;

import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanExportingPredicate;

/**
 * Keeps database queries that ran outside any traced operation — pollers, relays, gauges refreshing every few
 * milliseconds — out of the exported traces, where each would be a one-span trace of its own. They are still timed in
 * {@code r2dbc.query}; only their spans are dropped.
 */
public final class BackgroundQuerySpans implements SpanExportingPredicate {

    /** The span name r2dbc-proxy gives a query observation. */
    static final String QUERY = "query";

    @Override
    public boolean isExportable(FinishedSpan span) {
        return !(QUERY.equals(span.getName()) && isRoot(span.getParentId()));
    }

    /** OpenTelemetry gives a root span the all-zero parent id, other tracers none. */
    private static boolean isRoot(String parentId) {
        return parentId == null || parentId.chars().allMatch(c -> c == '0');
    }
}
