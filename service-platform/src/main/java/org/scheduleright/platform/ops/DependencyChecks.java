package org.scheduleright.platform.ops;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Probes every registered dependency concurrently, each within a timeout, and reports each one's status by name. */
public final class DependencyChecks {

    private static final Logger log = LoggerFactory.getLogger(DependencyChecks.class);

    private final List<DependencyCheck> checks;
    private final Duration timeout;

    public DependencyChecks(List<DependencyCheck> checks, Duration timeout) {
        this.checks = List.copyOf(checks);
        this.timeout = timeout;
    }

    /** The status of each dependency, in registration order. */
    public Mono<Map<String, DependencyStatus>> probeAll() {
        return Flux.fromIterable(checks)
                .flatMapSequential(check -> check.probe()
                        .timeout(timeout)
                        .thenReturn(DependencyStatus.UP)
                        .onErrorResume(failure -> {
                            log.warn(
                                    "Dependency {} is not usable: {}",
                                    check.name(),
                                    failure.getClass().getSimpleName());
                            return Mono.just(DependencyStatus.DOWN);
                        })
                        .map(status -> Map.entry(check.name(), status)))
                .collectList()
                .map(entries -> {
                    Map<String, DependencyStatus> statuses = new LinkedHashMap<>();
                    entries.forEach(entry -> statuses.put(entry.getKey(), entry.getValue()));
                    return statuses;
                });
    }
}
