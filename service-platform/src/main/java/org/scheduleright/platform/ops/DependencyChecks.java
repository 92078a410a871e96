package org.scheduleright.platform.ops;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Probes every registered dependency concurrently, each within a timeout, and reports each one's status by name. Each
 * dependency's result is kept for {@code cacheFor} (and calls arriving while a probe runs share it), so that a flood of
 * {@code /readiness} or {@code /status} calls costs at most one probe per dependency per interval.
 */
public final class DependencyChecks {

    private static final Logger log = LoggerFactory.getLogger(DependencyChecks.class);

    private final List<Map.Entry<String, Mono<DependencyStatus>>> probes;

    public DependencyChecks(List<DependencyCheck> checks, Duration timeout, Duration cacheFor) {
        this.probes = checks.stream()
                .map(check -> Map.entry(check.name(), cachedProbe(check, timeout, cacheFor)))
                .toList();
    }

    /** The status of each dependency, in registration order; at most {@code cacheFor} old. */
    public Mono<Map<String, DependencyStatus>> probeAll() {
        return Flux.fromIterable(probes)
                .flatMapSequential(probe -> probe.getValue().map(status -> Map.entry(probe.getKey(), status)))
                .collectList()
                .map(entries -> {
                    Map<String, DependencyStatus> statuses = new LinkedHashMap<>();
                    entries.forEach(entry -> statuses.put(entry.getKey(), entry.getValue()));
                    return statuses;
                });
    }

    private static Mono<DependencyStatus> cachedProbe(DependencyCheck check, Duration timeout, Duration cacheFor) {
        Mono<DependencyStatus> probe = Mono.defer(check::probe)
                .timeout(timeout)
                .thenReturn(DependencyStatus.UP)
                .onErrorResume(failure -> {
                    log.warn(
                            "Dependency {} is not usable: {}",
                            check.name(),
                            failure.getClass().getSimpleName());
                    return Mono.just(DependencyStatus.DOWN);
                });
        return cacheFor.isZero() || cacheFor.isNegative() ? probe : probe.cache(cacheFor);
    }
}
