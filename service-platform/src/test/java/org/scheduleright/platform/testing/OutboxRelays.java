package org.scheduleright.platform.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.time.Duration;
import org.scheduleright.platform.outbox.KafkaEventPublisher;
import org.scheduleright.platform.outbox.Outbox;
import org.scheduleright.platform.outbox.OutboxProperties;
import org.scheduleright.platform.outbox.OutboxRelay;
import org.scheduleright.platform.outbox.OutboxSignal;
import org.scheduleright.platform.outbox.RelayLease;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Outbox relays for outage tests: a service's relay settings with short timings, publishing to the given brokers (a
 * dead port plays a Kafka outage), started at once.
 */
public final class OutboxRelays {

    private OutboxRelays() {}

    /** Starts a relay named {@code owner} on the service's outbox and lease row; stop it when done. */
    public static OutboxRelay start(
            Outbox outbox, DatabaseClient db, OutboxProperties service, String owner, String bootstrapServers) {
        OutboxProperties fast = new OutboxProperties(
                service.leaseName(),
                true,
                bootstrapServers,
                service.batchSize(),
                Duration.ofMillis(50),
                Duration.ofMinutes(5),
                Duration.ofMillis(100),
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                service.metricsInterval(),
                service.sentRetention());
        OutboxRelay relay = new OutboxRelay(
                outbox,
                new RelayLease(db, service.leaseName()),
                () -> new KafkaEventPublisher(
                        bootstrapServers,
                        fast.sendTimeout(),
                        owner,
                        new SimpleMeterRegistry(),
                        Tracer.NOOP,
                        Propagator.NOOP),
                fast,
                Clock.systemUTC(),
                new OutboxSignal(),
                new SimpleMeterRegistry(),
                owner);
        relay.start();
        return relay;
    }
}
