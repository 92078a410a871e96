package org.scheduleright.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.scheduleright.platform.testing.Probes;

/** A publisher's producer metrics live exactly as long as the publisher, so a recreated one leaves no stale series. */
class KafkaEventPublisherTests {

    @Test
    void bindsTheProducerMetricsUntilClosed() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KafkaEventPublisher publisher = new KafkaEventPublisher(
                "127.0.0.1:" + Probes.deadPort(),
                Duration.ofSeconds(1),
                "metrics-test",
                registry,
                Tracer.NOOP,
                Propagator.NOOP);

        assertThat(registry.find("kafka.producer.record.send.total")
                        .tag("client.id", "metrics-test")
                        .meters())
                .hasSize(1);

        publisher.close();

        assertThat(registry.getMeters())
                .extracting(Meter::getId)
                .noneMatch(id -> id.getName().startsWith("kafka."));
    }
}
