package org.scheduleright.platform.housekeeping;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How often and how much a service purges ({@code scheduleright.housekeeping.*}); the retention of each kind of row
 * is configured by the service that declares its {@link Purge}.
 *
 * @param enabled whether this instance purges at all ({@code HOUSEKEEPING_ENABLED})
 * @param initialDelay the wait after start-up before the first run
 * @param interval the wait between two runs of this instance ({@code HOUSEKEEPING_INTERVAL})
 * @param batchSize rows one statement deletes at most ({@code HOUSEKEEPING_BATCH_SIZE})
 * @param maxBatchesPerRun batches one purge runs at most per run, so a large backlog is worked off over several runs
 * @param leaseDuration how long the lease lasts without renewal; renewed before every batch, so it must exceed one
 *     batch's time by far
 * @param owner this instance's name in the lease (a random suffix is added per process)
 */
@Validated
@ConfigurationProperties("scheduleright.housekeeping")
public record HousekeepingProperties(
        boolean enabled,
        @NotNull Duration initialDelay,
        @NotNull Duration interval,
        @Min(1) @Max(10_000) int batchSize,
        @Min(1) int maxBatchesPerRun,
        @NotNull Duration leaseDuration,
        @NotBlank String owner) {}
