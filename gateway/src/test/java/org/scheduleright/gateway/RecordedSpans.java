package org.scheduleright.gateway;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Keeps every span the gateway finishes in memory, next to (not instead of) the OTLP exporter that production uses;
 * Boot's tracing set-up hands all {@code SpanExporter} beans to its batch span processor.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RecordedSpans {

    @Bean
    InMemorySpanExporter inMemorySpanExporter() {
        return InMemorySpanExporter.create();
    }

    /** The spans of one trace exported so far. */
    public static List<SpanData> ofTrace(InMemorySpanExporter exporter, String traceId) {
        return exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId))
                .toList();
    }
}
