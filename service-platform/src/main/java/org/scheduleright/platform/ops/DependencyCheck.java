package org.scheduleright.platform.ops;

import reactor.core.publisher.Mono;

/** One dependency a service needs to be ready (its database, Redis, Kafka), probed by {@code /readiness}. */
public interface DependencyCheck {

    /** The dependency's name as operators know it, for example {@code mysql}. */
    String name();

    /** Completes empty when the dependency is usable and with an error when it is not. */
    Mono<Void> probe();
}
