package org.scheduleright.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scheduleright.platform.testing.TcpProxy;
import org.scheduleright.platform.testing.TestInfrastructure;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How many Redis commands a rate-limit check costs against the real Redis, alone and under contention for one key
 * (plain commands, so what the client sends is what the server counts), and that concurrent checks stay exact.
 */
class RedisBucketsIntegrationTests {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final AtomicInteger commands = new AtomicInteger();
    private RedisBuckets buckets;

    @BeforeEach
    void buckets() {
        buckets = buckets(RedisURI.create(TestInfrastructure.redisUrl()), Duration.ofSeconds(5));
    }

    private RedisBuckets buckets(RedisURI uri, Duration timeout) {
        RedisClient client = RedisClient.create();
        client.addListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commands.incrementAndGet();
            }
        });
        uri.setTimeout(timeout);
        return new RedisBuckets(client, uri, "buckets-test-" + TestInfrastructure.uniqueSuffix() + ":", timeout);
    }

    @AfterEach
    void close() {
        buckets.close();
    }

    @Test
    void aReturningClientCostsTwoCommandsPerCheck() {
        Limit limit = new Limit("standard", 100, WINDOW, false);
        buckets.consume(limit, "ip:10.0.0.1").block();
        commands.set(0);

        for (int i = 0; i < 20; i++) {
            assertThat(buckets.consume(limit, "ip:10.0.0.1").block().allowed()).isTrue();
        }

        assertThat(commands.get()).isEqualTo(2 * 20);
    }

    @Test
    void concurrentChecksOfOneKeyCostTwoCommandsEachWithoutRetries() {
        Limit limit = new Limit("standard", 100, WINDOW, false);
        buckets.consume(limit, "ip:10.0.0.2").block();
        commands.set(0);

        List<Decision> decisions = Flux.range(0, 60)
                .flatMap(i -> buckets.consume(limit, "ip:10.0.0.2"), 60)
                .collectList()
                .block();

        assertThat(decisions).hasSize(60).allMatch(Decision::allowed);
        assertThat(decisions.stream().mapToLong(Decision::remaining).min().orElseThrow())
                .isEqualTo(100 - 1 - 60);
        assertThat(commands.get()).isEqualTo(2 * 60);
    }

    @Test
    void concurrentChecksNeverExceedTheAllowance() {
        Limit limit = new Limit("auth", 10, WINDOW, true);

        List<Decision> decisions = Flux.range(0, 40)
                .flatMap(i -> buckets.consume(limit, "ip:10.0.0.3"), 40)
                .collectList()
                .block();

        assertThat(decisions.stream().filter(Decision::allowed)).hasSize(10);
        assertThat(decisions.stream().filter(d -> !d.allowed())).hasSize(30).allMatch(d -> d.retryAfterSeconds() >= 1);
    }

    @Test
    void checksFailWhileRedisIsCutAndSucceedOnceItIsBack() {
        URI redis = URI.create(TestInfrastructure.redisUrl());
        try (TcpProxy proxy = new TcpProxy(redis.getHost(), redis.getPort())) {
            RedisBuckets viaProxy =
                    buckets(RedisURI.create("redis://127.0.0.1:" + proxy.port()), Duration.ofMillis(500));
            try {
                Limit limit = new Limit("standard", 100, WINDOW, false);
                assertThat(viaProxy.consume(limit, "ip:10.0.0.4").block().allowed())
                        .isTrue();
                proxy.cut();

                List<String> outcomes = Flux.range(0, 10)
                        .flatMap(i -> viaProxy.consume(limit, "ip:10.0.0.4")
                                .map(d -> "answered")
                                .onErrorResume(e -> Mono.just("failed")))
                        .collectList()
                        .block();
                assertThat(outcomes).hasSize(10).containsOnly("failed");

                proxy.restore();
                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(viaProxy.consume(limit, "ip:10.0.0.4")
                                        .onErrorResume(e -> Mono.empty())
                                        .blockOptional())
                                .hasValueSatisfying(decision ->
                                        assertThat(decision.allowed()).isTrue()));
            } finally {
                viaProxy.close();
            }
        }
    }
}
