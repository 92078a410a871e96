package org.scheduleright.booking.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Clock;
import java.util.UUID;
import org.scheduleright.booking.outbox.messaging.KafkaEventPublisher;
import org.scheduleright.booking.outbox.persistence.Outbox;
import org.scheduleright.booking.outbox.persistence.RelayLease;
import org.scheduleright.platform.housekeeping.Purge;
import org.scheduleright.platform.housekeeping.SqlPurges;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/** Wires the outbox relay, its backlog metrics and the purge of sent events. */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    @Bean
    @ConditionalOnProperty(name = "scheduleright.outbox.relay-enabled", havingValue = "true", matchIfMissing = true)
    RelayConnections relayConnections(ConnectionFactory serviceConnections) {
        return new RelayConnections(serviceConnections);
    }

    @Bean
    @ConditionalOnProperty(name = "scheduleright.outbox.relay-enabled", havingValue = "true", matchIfMissing = true)
    OutboxRelay outboxRelay(
            RelayConnections connections,
            OutboxProperties properties,
            Clock clock,
            OutboxSignal signal,
            MeterRegistry registry,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        Tracer spans = tracer.getIfAvailable(() -> Tracer.NOOP);
        Propagator context = propagator.getIfAvailable(() -> Propagator.NOOP);
        return new OutboxRelay(
                new Outbox(connections.client()),
                new RelayLease(connections.client()),
                () -> new KafkaEventPublisher(
                        properties.bootstrapServers(),
                        properties.sendTimeout(),
                        "booking-outbox-relay",
                        registry,
                        spans,
                        context),
                properties,
                clock,
                signal,
                registry,
                "relay-" + UUID.randomUUID());
    }

    /** Events Kafka acknowledged more than {@code sent-retention} ago leave the outbox table (platform housekeeping). */
    @Bean
    Purge sentOutboxEvents(DatabaseClient database, OutboxProperties properties) {
        return new Purge(
                "booking-outbox", properties.sentRetention(), SqlPurges.olderThan(database, "outbox", "sent_at"));
    }

    @Bean
    OutboxMetrics outboxMetrics(Outbox outbox, MeterRegistry registry, OutboxProperties properties) {
        return new OutboxMetrics(outbox, registry, properties.metricsInterval());
    }
}
