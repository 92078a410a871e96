package org.scheduleright.reminder.reminder;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs the dispatcher every poll interval, one round at a time, and exports the due-but-unsent backlog. Apart from the
 * rounds, so that a long round (a slow SMS provider) never delays it, it sweeps stale claims at start-up and every poll
 * interval: a crashed worker's claims that were never handed over are sent again within claim-release-after.
 */
class ReminderWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReminderWorker.class);

    private final SmsDispatcher dispatcher;

    private final Reminders reminders;

    private final ReminderProperties properties;

    private final Clock clock;

    private final AtomicLong backlog = new AtomicLong();

    private volatile Disposable running;

    ReminderWorker(
            SmsDispatcher dispatcher,
            Reminders reminders,
            ReminderProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.dispatcher = dispatcher;
        this.reminders = reminders;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("scheduleright.reminders.backlog", backlog, AtomicLong::get)
                .description("Reminders that are due but not yet sent")
                .register(meters);
    }

    @Override
    public void start() {
        Disposable rounds = Flux.interval(properties.pollInterval())
                .onBackpressureDrop()
                .concatMap(tick -> round(), 1)
                .subscribe();
        Disposable sweeps = Flux.interval(Duration.ZERO, properties.pollInterval())
                .onBackpressureDrop()
                .concatMap(tick -> sweep(), 1)
                .subscribe();
        running = Disposables.composite(rounds, sweeps);
    }

    private Mono<Void> sweep() {
        return dispatcher.recoverStaleClaims().then().onErrorResume(error -> {
            log.warn("Stale claim sweep failed: {}", error.getClass().getSimpleName());
            return Mono.empty();
        });
    }

    private Mono<Void> round() {
        return dispatcher
                .dispatchDue()
                .then(reminders.countDue(clock.instant()))
                .doOnNext(backlog::set)
                .then()
                .onErrorResume(error -> {
                    log.warn(
                            "Reminder dispatch round failed: {}",
                            error.getClass().getSimpleName());
                    return Mono.empty();
                });
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
