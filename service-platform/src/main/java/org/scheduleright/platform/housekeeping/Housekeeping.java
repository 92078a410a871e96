package org.scheduleright.platform.housekeeping;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a service's purges every {@code interval} while it holds the housekeeping lease: each purge deletes rows older
 * than its retention in batches of {@code batch-size}, at most {@code max-batches-per-run} per run, renewing the lease
 * before each batch and stopping as soon as it is lost, so that two replicas never purge at once.
 */
public class Housekeeping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final List<Purge> purges;

    private final HousekeepingLease lease;

    private final HousekeepingProperties properties;

    private final Clock clock;

    private final MeterRegistry meters;

    private final String owner;

    private volatile Disposable schedule;

    /** What one run did. */
    public sealed interface Run {

        /** Another replica holds the lease: nothing was deleted. */
        record NotLeader() implements Run {}

        /**
         * The purges ran; {@code deleted} the rows by purge name; {@code leaseLost} when the lease was lost half-way
         * and the rest was left for a later run.
         */
        record Done(Map<String, Long> deleted, boolean leaseLost) implements Run {}
    }

    public Housekeeping(
            List<Purge> purges,
            HousekeepingLease lease,
            HousekeepingProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.purges = List.copyOf(purges);
        this.lease = lease;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        // unique per process, so that two instances on one host (same HOSTNAME) never share the lease
        this.owner = properties.owner() + "/" + UUID.randomUUID().toString().substring(0, 8);
        for (Purge purge : this.purges) {
            meters.counter("scheduleright.housekeeping.purged", "purge", purge.name());
        }
    }

    /** Runs every purge once if this instance gets the lease, then gives the lease up. */
    public Mono<Run> runOnce() {
        return lease.acquire(owner, properties.leaseDuration()).flatMap(leader -> {
            if (!leader) {
                meters.counter("scheduleright.housekeeping.runs", "outcome", "not_leader")
                        .increment();
                return Mono.<Run>just(new Run.NotLeader());
            }
            Map<String, Long> deleted = new LinkedHashMap<>();
            return Flux.fromIterable(purges)
                    .concatMap(purge -> purge(purge, owner).doOnNext(total -> deleted.put(purge.name(), total.rows())))
                    // a lost lease stops the run: the remaining purges are left for a later one
                    .takeUntil(BatchResult::lost)
                    .any(BatchResult::lost)
                    .map(lost -> (Run) new Run.Done(Map.copyOf(deleted), lost))
                    .doOnNext(run -> report((Run.Done) run))
                    .flatMap(run -> lease.release(owner).thenReturn(run));
        });
    }

    /** Deletes batches until one comes back short, the run's batch limit is reached or the lease is lost. */
    private Mono<BatchResult> purge(Purge purge, String owner) {
        Instant cutoff = clock.instant().minus(purge.retention());
        int size = properties.batchSize();
        return Flux.range(0, properties.maxBatchesPerRun())
                .concatMap(batch -> lease.acquire(owner, properties.leaseDuration())
                        .flatMap(held -> held
                                ? purge.batch().deleteOlderThan(cutoff, size).map(BatchResult::deleted)
                                : Mono.just(BatchResult.LEASE_LOST)))
                .takeUntil(result -> result.lost() || result.rows() < size)
                .reduce(new BatchResult(0, false), BatchResult::plus)
                .doOnNext(total -> meters.counter("scheduleright.housekeeping.purged", "purge", purge.name())
                        .increment(total.rows()));
    }

    private record BatchResult(long rows, boolean lost) {

        static final BatchResult LEASE_LOST = new BatchResult(0, true);

        static BatchResult deleted(long rows) {
            return new BatchResult(rows, false);
        }

        BatchResult plus(BatchResult next) {
            return new BatchResult(rows + next.rows, lost || next.lost);
        }
    }

    private void report(Run.Done run) {
        meters.counter("scheduleright.housekeeping.runs", "outcome", run.leaseLost() ? "lease_lost" : "done")
                .increment();
        run.deleted().forEach((name, count) -> {
            if (count > 0) {
                log.info("Housekeeping deleted {} rows of {}", count, name);
            }
        });
        if (run.leaseLost()) {
            log.warn("Housekeeping lost its lease during a run; the rest is left for a later run");
        }
    }

    @Override
    public void start() {
        if (!properties.enabled() || purges.isEmpty()) {
            return;
        }
        schedule = Flux.interval(properties.initialDelay(), properties.interval())
                .onBackpressureDrop()
                .concatMap(
                        tick -> runOnce().onErrorResume(error -> {
                            meters.counter("scheduleright.housekeeping.runs", "outcome", "failed")
                                    .increment();
                            log.warn(
                                    "Housekeeping run failed: {}",
                                    error.getClass().getSimpleName());
                            return Mono.empty();
                        }),
                        1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
            schedule = null;
            lease.release(owner).onErrorComplete().block(Duration.ofSeconds(2));
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
