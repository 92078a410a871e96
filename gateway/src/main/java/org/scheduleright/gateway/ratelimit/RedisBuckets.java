package org.scheduleright.gateway.ratelimit;

import io.lettuce.core.ExpireArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
    private final Duration timeout;
    private final Mono<StatefulRedisConnection<String, String>> connection;

    RedisBuckets(RedisClient client, RedisURI uri, String keyPrefix, Duration timeout) {
        this.client = client;
        this.uri = uri;
        this.keyPrefix = keyPrefix;
        this.timeout = timeout;
        this.connection = Mono.defer(() -> Mono.fromCompletionStage(() -> client.connectAsync(StringCodec.UTF8, uri)))
                .cache(value -> FOREVER, error -> Duration.ZERO, () -> Duration.ZERO);
    }

    /**
     * Takes one request from {@code subject}'s bucket of {@code limit}; errors when Redis cannot be asked. The answer
     * is handed off Lettuce's I/O thread, so that the rest of the request never runs on (and stalls) the connection.
     */
    Mono<Decision> consume(Limit limit, String subject) {
        String key = keyPrefix + "rl:" + limit.name() + ":" + subject;
        return connection
                .flatMap(connected -> Mono.fromFuture(() -> count(connected.async(), key, limit), true))
                .timeout(timeout)
                .publishOn(Schedulers.parallel());
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
