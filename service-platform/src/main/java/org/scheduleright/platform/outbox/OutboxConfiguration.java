package org.scheduleright.platform.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Clock;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.scheduleright.events.EncodedEvent;
import org.scheduleright.platform.housekeeping.Purge;
import org.scheduleright.platform.housekeeping.SqlPurges;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The transactional outbox of a service that sets {@code scheduleright.outbox.lease-name}: the table its changes
 * append to, the signal that wakes the relay on commit, the relay (unless {@code relay-enabled} is false) and its
 * backlog metrics.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
            "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration"
        })
@ConditionalOnClass({EncodedEvent.class, KafkaProducer.class})
@ConditionalOnProperty(prefix = "scheduleright.outbox", name = "lease-name")
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxConfiguration {

    @Bean
    Outbox outbox(DatabaseClient database) {
        return new Outbox(database);
    }

    @Bean
    OutboxSignal outboxSignal() {
        return new OutboxSignal();
    }

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
            ObjectProvider<Clock> clock,
            OutboxSignal signal,
            MeterRegistry registry,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        Tracer spans = tracer.getIfAvailable(() -> Tracer.NOOP);
        Propagator context = propagator.getIfAvailable(() -> Propagator.NOOP);
        return new OutboxRelay(
                new Outbox(connections.client()),
                new RelayLease(connections.client(), properties.leaseName()),
                () -> new KafkaEventPublisher(
                        properties.bootstrapServers(),
                        properties.sendTimeout(),
                        properties.leaseName(),
                        registry,
                        spans,
                        context),
                properties,
                clock.getIfAvailable(Clock::systemUTC),
                signal,
                registry,
                "relay-" + UUID.randomUUID());
    }

    /** Events Kafka acknowledged more than {@code sent-retention} ago leave the outbox table (platform housekeeping). */
    @Bean
    Purge sentOutboxEvents(DatabaseClient database, OutboxProperties properties) {
        return new Purge("outbox", properties.sentRetention(), SqlPurges.olderThan(database, "outbox", "sent_at"));
    }

    @Bean
    OutboxMetrics outboxMetrics(Outbox outbox, MeterRegistry registry, OutboxProperties properties) {
        return new OutboxMetrics(outbox, registry, properties.metricsInterval());
    }
}
