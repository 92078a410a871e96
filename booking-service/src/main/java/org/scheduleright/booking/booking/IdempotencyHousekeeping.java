package org.scheduleright.booking.booking;

import java.time.Clock;
import java.time.Duration;
import org.scheduleright.booking.booking.persistence.IdempotencyKeys;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Deletes idempotency keys older than their retention every few minutes, so the table does not grow forever. */
@Component
class IdempotencyHousekeeping implements SmartLifecycle {

    private static final Duration INTERVAL = Duration.ofMinutes(5);

    private final IdempotencyKeys keys;
    private final Duration retention;
    private final Clock clock;
    private volatile Disposable running;

    IdempotencyHousekeeping(IdempotencyKeys keys, IdempotencyProperties properties, Clock clock) {
        this.keys = keys;
        this.retention = properties.retention();
        this.clock = clock;
    }

    @Override
    public void start() {
        running = Flux.interval(INTERVAL, INTERVAL)
                .onBackpressureDrop()
                .concatMap(tick -> purge().onErrorComplete(), 1)
                .subscribe();
    }

    private Mono<Long> purge() {
        return keys.purgeBefore(clock.instant().minus(retention))
                .expand(deleted ->
                        deleted >= 1000 ? keys.purgeBefore(clock.instant().minus(retention)) : Mono.empty())
                .reduce(0L, Long::sum);
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
