package org.scheduleright.platform.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Exports the outbox backlog: {@code scheduleright.outbox.backlog.events} (unsent events) and
 * {@code scheduleright.outbox.oldest.unsent.age.seconds}, refreshed from the table at a fixed interval.
 */
public class OutboxMetrics implements SmartLifecycle {

    private final Outbox outbox;
    private final Duration interval;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong oldestAgeMicros = new AtomicLong();
    private volatile Disposable refresh;

    public OutboxMetrics(Outbox outbox, MeterRegistry registry, Duration interval) {
        this.outbox = outbox;
        this.interval = interval;
        Gauge.builder("scheduleright.outbox.backlog.events", events, AtomicLong::get)
                .description("Events committed to the outbox and not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("scheduleright.outbox.oldest.unsent.age.seconds", oldestAgeMicros, age -> age.get() / 1e6)
                .description("How long the oldest unsent outbox event has waited")
                .register(registry);
    }

    @Override
    public void start() {
        refresh = Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(tick -> outbox.backlog().onErrorComplete(), 1)
                .subscribe(backlog -> {
                    events.set(backlog.events());
                    oldestAgeMicros.set((long) (backlog.oldestAgeSeconds() * 1e6));
                });
    }

    @Override
    public void stop() {
        Disposable running = refresh;
        if (running != null) {
            running.dispose();
            refresh = null;
        }
    }

    @Override
    public boolean isRunning() {
        return refresh != null;
    }
}
