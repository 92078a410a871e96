package org.scheduleright.platform.testing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Keeps every span a service finishes in memory, next to (not instead of) the OTLP exporter production uses: Boot's
 * tracing set-up hands every {@code SpanExporter} bean to its batch span processor. Import it into a test context.
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
