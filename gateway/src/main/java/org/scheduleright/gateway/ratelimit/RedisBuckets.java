package org.scheduleright.gateway.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Token buckets in Redis through Bucket4j's compare-and-swap Lettuce proxy (asynchronous API), shared by every gateway
 * replica. Concurrent checks of one key in this JVM run one after the other, so that they do not race each other's
 * compare-and-swap (and retry) in Redis. The connection is opened on first use and reopened after a failure,
 * so that the gateway starts and serves while Redis is down.
 */
class RedisBuckets implements AutoCloseable {

    private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

    private final RedisClient client;
    private final RedisURI uri;
    private final String keyPrefix;
    private final Duration timeout;
    private final Map<Limit, BucketConfiguration> configurations = new ConcurrentHashMap<>();
    private final Mono<Connected> connection;
    private final Map<String, CompletableFuture<ConsumptionProbe>> tails = new ConcurrentHashMap<>();

    RedisBuckets(RedisClient client, RedisURI uri, String keyPrefix, Duration timeout) {
        this.client = client;
        this.uri = uri;
        this.keyPrefix = keyPrefix;
        this.timeout = timeout;
        this.connection =
                Mono.defer(this::connect).cache(value -> FOREVER, error -> Duration.ZERO, () -> Duration.ZERO);
    }

    /**
     * Takes one request from {@code subject}'s bucket of {@code limit}; errors when Redis cannot be asked. The answer
     * is handed off Lettuce's I/O thread, so that the rest of the request never runs on (and stalls) the connection.
     */
    Mono<Decision> consume(Limit limit, String subject) {
        BucketConfiguration configuration = configurations.computeIfAbsent(limit, RedisBuckets::configuration);
        String key = keyPrefix + "rl:" + limit.name() + ":" + subject;
        return connection
                .flatMap(connected -> Mono.fromFuture(
                        () -> inTurn(
                                key,
                                () -> connected
                                        .buckets()
                                        .builder()
                                        .build(key, () -> CompletableFuture.completedFuture(configuration))
                                        .tryConsumeAndReturnRemaining(1)),
                        false))
                .timeout(timeout)
                .publishOn(Schedulers.parallel())
                .map(probe -> decision(limit, probe));
    }

    /**
     * Runs {@code check} of {@code key} once the checks of the same key started before it in this JVM have finished:
     * one client flooding from many connections then costs two commands per check (read, compare-and-swap) instead
     * of a storm of failed swaps and retries. Other replicas still meet at the compare-and-swap, so nothing is
     * counted twice. A check cancelled (timed out) while it waits is skipped. The key's entry disappears with its
     * last check.
     */
    private CompletableFuture<ConsumptionProbe> inTurn(
            String key, Supplier<CompletableFuture<ConsumptionProbe>> check) {
        CompletableFuture<ConsumptionProbe> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<ConsumptionProbe>> previous = new AtomicReference<>();
        tails.compute(key, (k, tail) -> {
            previous.set(tail);
            return result;
        });
        Runnable start = () -> {
            if (result.isDone()) { // cancelled (timed out) while waiting: skip it, the next one goes on
                tails.remove(key, result);
                return;
            }
            try {
                check.get().whenComplete((probe, error) -> {
                    tails.remove(key, result);
                    if (error != null) {
                        result.completeExceptionally(error);
                    } else {
                        result.complete(probe);
                    }
                });
            } catch (RuntimeException e) {
                tails.remove(key, result);
                result.completeExceptionally(e);
            }
        };
        if (previous.get() == null) {
            start.run();
        } else {
            previous.get().whenComplete((probe, error) -> start.run());
        }
        return result;
    }

    /** Number of keys with checks in flight (for tests). */
    int keysInFlight() {
        return tails.size();
    }

    private static Decision decision(Limit limit, ConsumptionProbe probe) {
        long reset = seconds(probe.getNanosToWaitForReset());
        long retry = probe.isConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill()));
        return new Decision(
                limit, probe.isConsumed(), probe.getRemainingTokens(), Math.max(reset, retry), retry, false);
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    private static BucketConfiguration configuration(Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.capacity())
                        .refillIntervally(limit.capacity(), limit.window())
                        .build())
                .build();
    }

    private Mono<Connected> connect() {
        return Mono.fromCompletionStage(
                        () -> client.connectAsync(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), uri))
                .map(connection -> new Connected(
                        connection,
                        Bucket4jLettuce.casBasedBuilder(connection)
                                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                        Duration.ofSeconds(10)))
                                .build()
                                .asAsync()));
    }

    @Override
    public void close() {
        client.shutdown();
    }

    private record Connected(StatefulRedisConnection<String, byte[]> connection, AsyncProxyManager<String> buckets) {}
}
