package org.scheduleright.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A flood of probes reaches each dependency at most once per interval, and an outage still shows within it. */
class DependencyChecksTests {

    @Test
    void aFloodOfProbesChecksEachDependencyOncePerInterval() {
        CountingCheck mysql = new CountingCheck("mysql", Duration.ofMillis(200));
        CountingCheck redis = new CountingCheck("redis", Duration.ZERO);
        DependencyChecks checks =
                new DependencyChecks(List.of(mysql, redis), Duration.ofSeconds(2), Duration.ofHours(1));

        List<Map<String, DependencyStatus>> answers = Flux.range(0, 200)
                .flatMap(i -> checks.probeAll(), 64)
                .collectList()
                .block(Duration.ofSeconds(10));

        assertThat(answers)
                .hasSize(200)
                .allSatisfy(statuses -> assertThat(statuses)
                        .isEqualTo(Map.of("mysql", DependencyStatus.UP, "redis", DependencyStatus.UP)));
        assertThat(mysql.calls).hasValue(1);
        assertThat(redis.calls).hasValue(1);
    }

    @Test
    void aDependencyThatGoesDownIsReportedWithinTheIntervalPlusTheTimeout() {
        Duration cacheFor = Duration.ofMillis(500);
        Duration timeout = Duration.ofMillis(300);
        CountingCheck mysql = new CountingCheck("mysql", Duration.ZERO);
        DependencyChecks checks = new DependencyChecks(List.of(mysql), timeout, cacheFor);
        assertThat(checks.probeAll().block()).containsEntry("mysql", DependencyStatus.UP);

        mysql.hang.set(true);
        long cut = System.nanoTime();
        await().atMost(cacheFor.plus(timeout).plusMillis(500))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> checks.probeAll().block().get("mysql") == DependencyStatus.DOWN);

        assertThat(Duration.ofNanos(System.nanoTime() - cut))
                .isLessThan(cacheFor.plus(timeout).plusMillis(500));
        assertThat(mysql.calls.get()).isBetween(2, 3);
    }

    @Test
    void aZeroIntervalProbesEveryTime() {
        CountingCheck kafka = new CountingCheck("kafka", Duration.ZERO);
        DependencyChecks checks = new DependencyChecks(List.of(kafka), Duration.ofSeconds(1), Duration.ZERO);

        Flux.range(0, 5).concatMap(i -> checks.probeAll()).blockLast();

        assertThat(kafka.calls).hasValue(5);
    }

    /** A dependency that counts how often it is really probed; it answers after a delay, or never while hung. */
    private static final class CountingCheck implements DependencyCheck {

        final AtomicInteger calls = new AtomicInteger();
        final AtomicBoolean hang = new AtomicBoolean();
        private final String name;
        private final Duration latency;

        CountingCheck(String name, Duration latency) {
            this.name = name;
            this.latency = latency;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Mono<Void> probe() {
            calls.incrementAndGet();
            return hang.get() ? Mono.never() : Mono.delay(latency).then();
        }
    }
}
