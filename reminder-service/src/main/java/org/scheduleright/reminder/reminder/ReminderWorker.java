package org.scheduleright.reminder.reminder;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Runs the dispatcher every poll interval, one round at a time, and exports the due-but-unsent backlog. */
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
        running = Flux.interval(properties.pollInterval())
                .onBackpressureDrop()
                .concatMap(tick -> round(), 1)
                .subscribe();
    }

    private Mono<Void> round() {
        return dispatcher
                .abandonStaleClaims()
                .then(dispatcher.dispatchDue())
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
