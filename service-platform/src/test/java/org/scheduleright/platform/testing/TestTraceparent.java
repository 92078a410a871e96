package org.scheduleright.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C {@code traceparent} as tests send and read it: {@link #toString()} is the sampled header value.
 *
 * @param traceId 32 lower-case hex digits
 * @param spanId the parent span id, 16 lower-case hex digits
 */
public record TestTraceparent(String traceId, String spanId) {

    /** Reads a header value, failing the test when it is not a well-formed traceparent. */
    public static TestTraceparent parse(String header) {
        assertThat(header).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        String[] parts = header.split("-");
        return new TestTraceparent(parts[1], parts[2]);
    }

    /** A new context with random, non-zero ids. */
    public static TestTraceparent random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new TestTraceparent(
                "%016x%016x".formatted(random.nextLong() | 1, random.nextLong()),
                "%016x".formatted(random.nextLong() | 1));
    }

    /** The same context with the sampled flag off. */
    public String unsampled() {
        return "00-" + traceId + "-" + spanId + "-00";
    }

    @Override
    public String toString() {
        return "00-" + traceId + "-" + spanId + "-01";
    }
}
