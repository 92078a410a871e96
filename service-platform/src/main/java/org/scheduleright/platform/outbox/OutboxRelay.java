package org.scheduleright.platform.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.scheduleright.platform.outbox.Outbox.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Moves committed events from the outbox to Kafka: while it holds the relay lease it publishes the oldest unsent
 * events in outbox order, marks the acknowledged ones sent, and after a failure gives the lease up (another instance
 * may reach Kafka), waits with exponential backoff and tries again, forever.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final Outbox outbox;
    private final RelayLease lease;
    private final Supplier<KafkaEventPublisher> publishers;
    private final OutboxProperties properties;
    private final Clock clock;
    private final OutboxSignal signal;
    private final Timer latency;
    private final String owner;
    private volatile Scheduler sending;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong cycles = new AtomicLong();
    private volatile KafkaEventPublisher publisher;
    private volatile Disposable loop;
    private volatile long renewLeaseAfter = Long.MIN_VALUE;
    private volatile boolean leading;

    public OutboxRelay(
            Outbox outbox,
            RelayLease lease,
            Supplier<KafkaEventPublisher> publishers,
            OutboxProperties properties,
            Clock clock,
            OutboxSignal signal,
            MeterRegistry registry,
            String owner) {
        this.owner = owner;
        this.signal = signal;
        this.latency = Timer.builder("scheduleright.outbox.publish.latency")
                .description("From the commit of an event to its acknowledgement by Kafka")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.outbox = outbox;
        this.lease = lease;
        this.publishers = publishers;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        sending = Schedulers.newSingle("outbox-relay", true);
        loop = Mono.defer(this::cycle)
                .flatMap(count -> count >= properties.batchSize() || signal.takePending()
                        ? Mono.just(count)
                        : Mono.firstWithSignal(
                                        Mono.delay(properties.pollInterval()),
                                        signal.commits().next())
                                .thenReturn(count))
                .onErrorResume(this::backOff)
                .repeat()
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = loop;
        if (running != null) {
            running.dispose();
            loop = null;
        }
        leading = false;
        lease.release(owner).onErrorComplete().block(Duration.ofSeconds(2));
        closePublisher();
        // graceful, so that the publisher's close queued just above runs rather than being dropped with the thread
        sending.disposeGracefully()
                .timeout(Duration.ofSeconds(5), Mono.fromRunnable(sending::dispose))
                .block();
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }

    /** How many events this relay has published. */
    public long published() {
        return published.get();
    }

    /** How many relay cycles have ended, successful or not. */
    public long cycles() {
        return cycles.get();
    }

    /** How many cycles in a row have failed. */
    public int consecutiveFailures() {
        return failures.get();
    }

    /** One relay cycle: publishes a batch if this instance leads; completes with the number of events published. */
    Mono<Integer> cycle() {
        return leader().flatMap(leader -> leader
                        ? outbox.unsent(properties.batchSize()).collectList()
                        : Mono.just(List.<StoredEvent>of()))
                .flatMap(this::publish)
                .doOnNext(count -> failures.set(0))
                .doFinally(signal -> cycles.incrementAndGet());
    }

    /**
     * Publishes a batch in waves: wave k holds the k-th event of each booking, and a wave is sent only once every event
     * of the previous one was acknowledged. An event is therefore never sent before the earlier events of its booking
     * were acknowledged, which keeps each booking's order even when a send fails half-way.
     */
    /**
     * Whether this relay holds the lease; renews it in the database only once a third of its duration has passed
     * since the last renewal, so a busy relay does not write the lease row on every cycle.
     */
    private Mono<Boolean> leader() {
        long now = System.nanoTime();
        if (leading && now - renewLeaseAfter < 0) {
            return Mono.just(true);
        }
        return lease.acquire(owner, properties.leaseDuration()).doOnNext(acquired -> {
            leading = acquired;
            renewLeaseAfter = now + properties.leaseDuration().toNanos() / 3;
        });
    }

    private Mono<Integer> publish(List<StoredEvent> batch) {
        if (batch.isEmpty()) {
            return Mono.just(0);
        }
        return Flux.fromIterable(waves(batch)).concatMap(this::publishWave).reduce(0, Integer::sum);
    }

    private Mono<Integer> publishWave(List<StoredEvent> wave) {
        return Mono.fromCallable(() ->
                        publisher().send(wave.stream().map(StoredEvent::event).toList()))
                .subscribeOn(sending)
                .flatMap(futures -> Mono.fromFuture(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                        .handle((done, error) -> futures)))
                .flatMap(futures -> {
                    List<Long> sent = new ArrayList<>();
                    Throwable failure = futures.size() < wave.size() ? new IllegalStateException("not sent") : null;
                    for (int i = 0; i < futures.size(); i++) {
                        try {
                            futures.get(i).join();
                            sent.add(wave.get(i).position());
                            latency.record(Duration.between(wave.get(i).createdAt(), clock.instant()));
                        } catch (CompletionException | CancellationException e) {
                            failure = failure != null ? failure : e;
                        }
                    }
                    Throwable error = failure;
                    published.addAndGet(sent.size());
                    return outbox.markSent(sent, clock.instant())
                            .then(error == null ? Mono.just(sent.size()) : Mono.error(new PublishFailed(error)));
                });
    }

    /** Splits a batch so that wave k holds the k-th event of each booking, in outbox order. */
    static List<List<StoredEvent>> waves(List<StoredEvent> batch) {
        List<List<StoredEvent>> waves = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (StoredEvent event : batch) {
            int wave = seen.merge(event.event().key(), 1, Integer::sum) - 1;
            if (wave == waves.size()) {
                waves.add(new ArrayList<>());
            }
            waves.get(wave).add(event);
        }
        return waves;
    }

    private Mono<Integer> backOff(Throwable error) {
        int failed = failures.incrementAndGet();
        Mono<Void> release = Mono.empty();
        leading = false;
        if (error instanceof PublishFailed) {
            closePublisher();
            release = lease.release(owner).onErrorComplete();
        }
        long factor = 1L << Math.min(failed - 1, 20);
        Duration wait = properties.backoffMin().multipliedBy(factor);
        if (wait.compareTo(properties.backoffMax()) > 0) {
            wait = properties.backoffMax();
        }
        log.warn(
                "Outbox relay cycle failed ({} in a row), retrying in {} ms: {}",
                failed,
                wait.toMillis(),
                error.getClass().getSimpleName());
        return release.then(Mono.delay(wait)).thenReturn(0);
    }

    private KafkaEventPublisher publisher() {
        KafkaEventPublisher current = publisher;
        if (current == null) {
            current = publishers.get();
            publisher = current;
        }
        return current;
    }

    private void closePublisher() {
        KafkaEventPublisher current = publisher;
        publisher = null;
        if (current != null) {
            sending.schedule(current::close);
        }
    }

    /** Kafka did not acknowledge every event of a batch. */
    static final class PublishFailed extends RuntimeException {
        PublishFailed(Throwable cause) {
            super("Kafka did not acknowledge the batch", cause, false, false);
        }
    }
}
