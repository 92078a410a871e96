package org.scheduleright.platform.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the outbox relay ({@code scheduleright.outbox.*}).
 *
 * @param leaseName the name of the relay's lease row, also the producer's client id (such as
 *     {@code booking-outbox-relay}); a service has an outbox when it sets this
 * @param relayEnabled whether this instance runs a relay ({@code OUTBOX_RELAY_ENABLED})
 * @param bootstrapServers the Kafka the relay publishes to (defaults to {@code KAFKA_BOOTSTRAP_SERVERS})
 * @param batchSize how many events one relay cycle publishes at most
 * @param pollInterval how long an idle relay waits before looking again
 * @param leaseDuration how long the relay's leadership lasts without renewal
 * @param backoffMin the first wait after a failed cycle, doubled on each further failure
 * @param backoffMax the longest wait between failed cycles
 * @param sendTimeout how long a publish may take before it counts as failed; keep it well under the lease
 * @param metricsInterval how often the backlog gauges are refreshed
 * @param sentRetention how long sent events stay in the outbox table before they are deleted
 */
@Validated
@ConfigurationProperties("scheduleright.outbox")
public record OutboxProperties(
        @NotBlank String leaseName,
        boolean relayEnabled,
        @NotBlank String bootstrapServers,
        @Min(1) @Max(5000) int batchSize,
        @NotNull Duration pollInterval,
        @NotNull Duration leaseDuration,
        @NotNull Duration backoffMin,
        @NotNull Duration backoffMax,
        @NotNull Duration sendTimeout,
        @NotNull Duration metricsInterval,
        @NotNull Duration sentRetention) {}
