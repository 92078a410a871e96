package org.scheduleright.platform.ops;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import reactor.core.publisher.Mono;

/** Probes Redis with a PING over a reactive connection. */
final class RedisCheck implements DependencyCheck {

    private final ReactiveRedisConnectionFactory connections;

    RedisCheck(ReactiveRedisConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Mono<Void> probe() {
        return Mono.usingWhen(
                Mono.fromSupplier(connections::getReactiveConnection),
                connection -> connection.ping().then(),
                connection -> connection.closeLater());
    }
}
