package org.scheduleright.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.platform.testing.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sustained booking creation against the local database with the outbox relay running, next to a bare single-row
 * INSERT + COMMIT loop on the same database, and commit-to-Kafka latency at 100 bookings/s. Not part of the build
 * (its name does not end in Tests); run it with {@code benchmarks/booking/run.sh}. Prints lines starting "BENCH".
 */
class BookingBenchmark extends BookingIntegrationTest {

    private static final int SLOTS = 64;
    private static final int REQUESTS = Integer.getInteger("benchmark.requests", 2000);

    @Autowired
    DatabaseClient db;

    @Test
    void measure() throws Exception {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        List<String> slots = new ArrayList<>();
        Instant start = Instant.now().plus(Duration.ofDays(400)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        for (int i = 0; i < SLOTS; i++) {
            slots.add(newSlot(org, site, start.plusSeconds(3600L * i), 1000));
        }
        String staff = token(org, "STAFF");
        WebClient client = WebClient.create(baseUrl());

        run(client, site, slots, staff, 16, 500);
        for (int concurrency : new int[] {16, 64}) {
            Result bookings = run(client, site, slots, staff, concurrency, REQUESTS);
            Result inserts = inserts(concurrency, REQUESTS);
            print(String.format(
                    "concurrency=%d bookings/s=%.0f p50=%.1fms p99=%.1fms | bare INSERT+COMMIT/s=%.0f p50=%.1fms"
                            + " p99=%.1fms | ratio=%.2f",
                    concurrency,
                    bookings.rate(),
                    bookings.p50(),
                    bookings.p99(),
                    inserts.rate(),
                    inserts.p50(),
                    inserts.p99(),
                    bookings.rate() / inserts.rate()));
        }
        kafkaLatency(client, site, slots, staff);
    }

    private Result run(WebClient client, String site, List<String> slots, String staff, int concurrency, int n) {
        AtomicInteger next = new AtomicInteger();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        long began = System.nanoTime();
        List<Integer> statuses = Flux.range(0, n)
                .flatMap(
                        i -> Mono.defer(() -> {
                            long t0 = System.nanoTime();
                            return client.post()
                                    .uri("/api/v1/sites/{site}/bookings", site)
                                    .headers(h -> h.setBearerAuth(staff))
                                    .bodyValue(bookingBody(slots.get(next.getAndIncrement() % slots.size())))
                                    .exchangeToMono(response -> response.releaseBody()
                                            .thenReturn(response.statusCode().value()))
                                    .doOnNext(status -> latencies.add((System.nanoTime() - t0) / 1e6));
                        }),
                        concurrency)
                .collectList()
                .block(Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - began) / 1e9;
        assertThat(statuses).allSatisfy(status -> assertThat(status).isEqualTo(201));
        return Result.of(n / seconds, latencies);
    }

    private Result inserts(int concurrency, int n) {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        long began = System.nanoTime();
        Flux.range(0, n)
                .flatMap(
                        i -> Mono.defer(() -> {
                            long t0 = System.nanoTime();
                            return db.sql("INSERT INTO idempotency_keys (scope, idempotency_key, request_hash,"
                                            + " booking_id, created_at) VALUES ('benchmark', :key, :hash, :id, :now)")
                                    .bind("key", UUID.randomUUID().toString())
                                    .bind("hash", "0".repeat(64))
                                    .bind("id", UUID.randomUUID().toString())
                                    .bind("now", LocalDateTime.now(ZoneOffset.UTC))
                                    .then()
                                    .doOnSuccess(done -> latencies.add((System.nanoTime() - t0) / 1e6));
                        }),
                        concurrency)
                .then()
                .block(Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - began) / 1e9;
        db.sql("DELETE FROM idempotency_keys WHERE scope = 'benchmark'").then().block();
        return Result.of(n / seconds, latencies);
    }

    private void kafkaLatency(WebClient client, String site, List<String> slots, String staff) throws Exception {
        int rate = 100;
        int n = 1000;
        AtomicInteger failed = new AtomicInteger();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        double achieved;
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "benchmark-" + UUID.randomUUID(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                5,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(BookingLifecycle.TOPIC, Duration.ofSeconds(10)).stream()
                            .map(info -> new TopicPartition(info.topic(), info.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            AtomicInteger next = new AtomicInteger();
            var load = Flux.interval(Duration.ofMillis(1000 / rate))
                    .take(n)
                    .onBackpressureBuffer()
                    .flatMap(
                            i -> client.post()
                                    .uri("/api/v1/sites/{site}/bookings", site)
                                    .headers(h -> h.setBearerAuth(staff))
                                    .bodyValue(bookingBody(slots.get(next.getAndIncrement() % slots.size())))
                                    .exchangeToMono(response -> response.releaseBody()
                                            .thenReturn(response.statusCode().value()))
                                    .onErrorReturn(-1)
                                    .doOnNext(status -> {
                                        if (status != 201) {
                                            failed.incrementAndGet();
                                        }
                                    }),
                            64)
                    .then()
                    .subscribe();
            Instant deadline = Instant.now().plusSeconds(60);
            long began = System.nanoTime();
            while (latencies.size() < n && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    double received = System.currentTimeMillis();
                    String time =
                            new String(record.headers().lastHeader("ce_time").value(), StandardCharsets.UTF_8);
                    latencies.add(received - Instant.parse(time).toEpochMilli());
                }
            }
            achieved = latencies.size() / ((System.nanoTime() - began) / 1e9);
            load.dispose();
        }
        Result result = Result.of(rate, latencies);
        print(String.format(
                "commit-to-Kafka (event time to consumer receipt), offered %d bookings/s, achieved %.0f/s: events=%d"
                        + " failed-requests=%d p50=%.1fms p99=%.1fms",
                rate, achieved, latencies.size(), failed.get(), result.p50(), result.p99()));
    }

    private static void print(String line) {
        System.out.println("BENCH " + line);
    }

    record Result(double rate, double p50, double p99) {

        static Result of(double rate, List<Double> latencies) {
            List<Double> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return new Result(rate, percentile(sorted, 0.50), percentile(sorted, 0.99));
        }

        private static double percentile(List<Double> sorted, double q) {
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
        }
    }
}
