package org.scheduleright.gateway.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ExpireArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Buckets refilled all at once at the end of each window, in Redis, shared by every gateway replica: the bucket of a
 * key is a counter ({@code INCR}) that expires one window after its first request ({@code PTTL} tells how long is
 * left). A returning check costs the server two plain commands, sent back to back on one connection without waiting
 * in between; the first check of a window adds a {@code PEXPIRE … NX}. {@code INCR} is atomic in Redis, so concurrent
 * checks — of one JVM or of many replicas — are counted exactly once each and never need a retry or a lock. (Bucket4j's
 * compare-and-swap proxy costs four server-side commands per check and a retry per lost race; see docs/gateway.md.)
 * The connection is opened on first use and reopened after a failure, so that the gateway starts and serves while
 * Redis is down.
 */
class RedisBuckets implements AutoCloseable {

    private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

    private final RedisClient client;
    private final RedisURI uri;
    private final String keyPrefix;
    private final Mono<StatefulRedisConnection<String, String>> connection;

    RedisBuckets(RedisClient client, RedisURI uri, String keyPrefix, Duration timeout) {
        this.client = client;
        this.uri = uri;
        this.keyPrefix = keyPrefix;
        // every command times out on Lettuce's own timer wheel: no scheduled task per check
        client.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        this.connection = Mono.defer(() -> Mono.fromCompletionStage(() -> client.connectAsync(StringCodec.UTF8, uri)))
                .timeout(timeout)
                .cache(value -> FOREVER, error -> Duration.ZERO, () -> Duration.ZERO);
    }

    /** {@link #consume(Limit, String, Executor)} answered on Reactor's parallel scheduler. */
    Mono<Decision> consume(Limit limit, String subject) {
        return consume(limit, subject, null);
    }

    /**
     * Takes one request from {@code subject}'s bucket of {@code limit}; errors when Redis cannot be asked or does not
     * answer within the timeout. The answer is handed off Lettuce's I/O thread, so that the rest of the request never
     * runs on (and stalls) the connection: to {@code continueOn} — the request's own event loop, where the rest of the
     * exchange (routing, the backend call, the response) runs without another thread hop — or, when that is null, to
     * Reactor's parallel scheduler.
     */
    Mono<Decision> consume(Limit limit, String subject, Executor continueOn) {
        String key = keyPrefix + "rl:" + limit.name() + ":" + subject;
        return connection.flatMap(connected -> {
            CompletableFuture<Decision> answer = count(connected.async(), key, limit);
            return continueOn == null
                    ? Mono.fromFuture(answer, true).publishOn(Schedulers.parallel())
                    : Mono.fromFuture(answer.whenCompleteAsync((decision, error) -> {}, continueOn), true);
        });
    }

    private static CompletableFuture<Decision> count(
            RedisAsyncCommands<String, String> redis, String key, Limit limit) {
        long window = limit.window().toMillis();
        CompletableFuture<Long> count = redis.incr(key).toCompletableFuture();
        CompletableFuture<Long> left = redis.pttl(key).toCompletableFuture();
        return count.thenCombine(left, (requests, millis) -> {
            if (millis < 0) {
                // a new window (or one whose creator died before setting the expiry): start its clock once
                redis.pexpire(key, window, ExpireArgs.Builder.nx());
                millis = window;
            }
            return decision(limit, requests, millis);
        });
    }

    static Decision decision(Limit limit, long requests, long millisLeft) {
        boolean allowed = requests <= limit.capacity();
        long reset = Math.max(1, (millisLeft + 999) / 1000);
        long retry = allowed ? 0 : reset;
        return new Decision(limit, allowed, Math.max(0, limit.capacity() - requests), reset, retry, false);
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
