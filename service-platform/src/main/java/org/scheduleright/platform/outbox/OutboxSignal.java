package org.scheduleright.platform.outbox;

import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** Tells the relay of this instance that new events were committed, so it publishes them without waiting to poll. */
public class OutboxSignal {

    private final AtomicBoolean pending = new AtomicBoolean();
    private final Sinks.Many<Boolean> commits = Sinks.many().multicast().directBestEffort();

    /** Call after a transaction that appended events has committed. */
    public void committed() {
        pending.set(true);
        commits.tryEmitNext(Boolean.TRUE);
    }

    /** Whether events were committed since the last call; clears the flag. */
    boolean takePending() {
        return pending.getAndSet(false);
    }

    Flux<Boolean> commits() {
        return commits.asFlux();
    }
}
