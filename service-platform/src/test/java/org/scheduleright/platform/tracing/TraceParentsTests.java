package org.scheduleright.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

class TraceParentsTests {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    @Test
    void theCurrentSpanIsWrittenAsATraceparent() {
        SpanContext context = SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault());
        try (Scope scope = Span.wrap(context).makeCurrent()) {
            assertThat(TraceParents.current()).isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
            assertThat(TraceParents.currentOrNewRoot()).isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
        }
    }

    @Test
    void outsideASpanThereIsNoCurrentButANewRootEachTime() {
        assertThat(TraceParents.current()).isNull();
        String first = TraceParents.currentOrNewRoot();
        assertThat(first).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(TraceParents.parse(first).isValid()).isTrue();
        assertThat(TraceParents.currentOrNewRoot()).isNotEqualTo(first);
    }

    @Test
    void aStoredTraceparentIsReadBackAndBadOnesAreInvalid() {
        SpanContext read = TraceParents.parse("00-" + TRACE + "-" + SPAN + "-01");
        assertThat(read.getTraceId()).isEqualTo(TRACE);
        assertThat(read.getSpanId()).isEqualTo(SPAN);
        assertThat(read.isSampled()).isTrue();
        assertThat(TraceParents.parse(null).isValid()).isFalse();
        assertThat(TraceParents.parse("not a traceparent").isValid()).isFalse();
        assertThat(TraceParents.parse("00-" + "0".repeat(32) + "-" + SPAN + "-01")
                        .isValid())
                .isFalse();
    }
}
