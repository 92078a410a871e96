import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The booking benchmark's client side, a JVM of its own (never the service's): a stand-in key ring for access tokens
 * (the service verifies them against the JWKS this writes, served over HTTP by the script), the bare INSERT + COMMIT
 * reference over JDBC, the floor of a booking's own statements over JDBC, and commit-to-Kafka latency at a paced booking rate. Run by benchmarks/booking/run.sh with
 * {@code java -cp <booking-service classpath> BookingBench.java <command> ...}.
 */
public class BookingBench {

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        switch (args[0]) {
            case "keys" -> keys(Path.of(args[1]));
            case "token" -> System.out.println(token(Path.of(args[1]), args[2], args[3]));
            case "bare" -> bare(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "floor" -> floor(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            case "paced" -> paced(args[1], args[2], args[3].split(","), args[4], Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]), args[7], args[8]);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    /** An EC P-256 signing key (private, in dir/key.json) and its public JWKS (dir/.well-known/jwks.json). */
    static void keys(Path dir) throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("bench-" + UUID.randomUUID()).generate();
        Files.createDirectories(dir.resolve(".well-known"));
        Files.writeString(dir.resolve("key.json"), key.toJSONString());
        Files.writeString(dir.resolve(".well-known/jwks.json"), new JWKSet(key.toPublicJWK()).toString());
    }

    /** A two-hour access token shaped as the gateway mints them. */
    static String token(Path dir, String orgId, String role) throws Exception {
        ECKey key = ECKey.parse(Files.readString(dir.resolve("key.json")));
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(UUID.randomUUID().toString())
                .issuer("scheduleright-gateway")
                .audience("scheduleright-api")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(2))))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", List.of(role));
        if (!orgId.equals("-")) {
            claims.claim("orgId", orgId);
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims.build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    /**
     * The reference: {@code concurrency} JDBC connections each inserting one row with autocommit (INSERT + COMMIT)
     * for {@code seconds} after {@code warmup} seconds, on the given database.
     */
    static void bare(String jdbcUrl, int concurrency, int warmup, int seconds) throws Exception {
        try (Connection admin = DriverManager.getConnection(jdbcUrl)) {
            admin.createStatement().execute("CREATE TABLE IF NOT EXISTS bench_bare (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " ref CHAR(36) NOT NULL, created_at DATETIME(6) NOT NULL) ENGINE=InnoDB");
        }
        loop(jdbcUrl, concurrency, warmup, seconds, c -> {
            c.setAutoCommit(true);
            PreparedStatement insert =
                    c.prepareStatement("INSERT INTO bench_bare (ref, created_at) VALUES (?, UTC_TIMESTAMP(6))");
            return () -> {
                insert.setString(1, UUID.randomUUID().toString());
                insert.executeUpdate();
            };
        });
        try (Connection admin = DriverManager.getConnection(jdbcUrl)) {
            admin.createStatement().execute("DROP TABLE bench_bare");
        }
    }

    /**
     * The floor of a booking: the statements of the service's booking transaction (claim the Idempotency-Key, take a
     * seat, insert the booking, insert its outbox row, commit) on the service's own tables over JDBC, with no service:
     * no HTTP, JSON, token, JWE or R2DBC. No service that writes these rows can book faster. The rows go to 128 slots of
     * the site that this adds (capacity 1,000,000, so the benchmark's own slots keep their seats); the outbox rows are
     * written as already sent, so the running relay leaves them alone.
     */
    static void floor(String jdbcUrl, String site, int concurrency, int warmup, int seconds) throws Exception {
        List<String> slots = new ArrayList<>();
        String org;
        try (Connection admin = DriverManager.getConnection(jdbcUrl)) {
            var query = admin.prepareStatement("SELECT org_id FROM sites WHERE id = ?");
            query.setString(1, site);
            var rows = query.executeQuery();
            rows.next();
            org = rows.getString(1);
            for (int i = 0; i < 128; i++) {
                String slot = UUID.randomUUID().toString();
                var insert = admin.prepareStatement("INSERT INTO slots (id, org_id, site_id, start_time, end_time,"
                        + " capacity, booked, status, created_at) VALUES (?, ?, ?, ?, ?, 1000000, 0, 'open',"
                        + " UTC_TIMESTAMP(6))");
                insert.setString(1, slot);
                insert.setString(2, org);
                insert.setString(3, site);
                insert.setObject(4, java.time.LocalDateTime.of(2099, 1, 1, 9, 0).plusHours(i));
                insert.setObject(5, java.time.LocalDateTime.of(2099, 1, 1, 9, 30).plusHours(i));
                insert.executeUpdate();
                slots.add(slot);
            }
        }
        String payload = "{\"specversion\":\"1.0\",\"data\":\"" + "x".repeat(1200) + "\"}";
        AtomicLong next = new AtomicLong();
        loop(jdbcUrl, concurrency, warmup, seconds, c -> {
            c.setAutoCommit(false);
            PreparedStatement key = c.prepareStatement("INSERT INTO idempotency_keys (scope, idempotency_key,"
                    + " request_hash, booking_id, created_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))");
            PreparedStatement seat = c.prepareStatement("UPDATE slots SET booked = booked + 1 WHERE id = ?"
                    + " AND status = 'open' AND booked < capacity AND start_time > UTC_TIMESTAMP(6)");
            PreparedStatement booking = c.prepareStatement("INSERT INTO bookings (id, org_id, site_id, slot_id,"
                    + " status, source, client_name, client_email, client_phone, start_time, end_time, timezone,"
                    + " created_at, updated_at) SELECT ?, org_id, site_id, id, 'pending', 'staff', ?,"
                    + " 'bench@example.org', ?, start_time, end_time,"
                    + " 'Europe/London', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM slots WHERE id = ?");
            PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox (event_id, topic, event_type, source,"
                    + " subject, event_time, payload, created_at, sent_at) VALUES (?, 'bench.floor',"
                    + " 'org.scheduleright.booking.created.v1', '/booking-service', ?, UTC_TIMESTAMP(6), ?,"
                    + " UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");
            return () -> {
                String id = UUID.randomUUID().toString();
                String slot = slots.get((int) (next.getAndIncrement() % slots.size()));
                key.setString(1, "staff:" + org);
                key.setString(2, UUID.randomUUID().toString());
                key.setString(3, "0".repeat(64));
                key.setString(4, id);
                key.executeUpdate();
                seat.setString(1, slot);
                if (seat.executeUpdate() != 1) {
                    throw new IllegalStateException("no seat taken");
                }
                booking.setString(1, id);
                booking.setString(2, "Bench Client");
                booking.setString(3, "+447700900123");
                booking.setString(4, slot);
                booking.executeUpdate();
                outbox.setString(1, UUID.randomUUID().toString());
                outbox.setString(2, id);
                outbox.setString(3, payload);
                outbox.executeUpdate();
                c.commit();
            };
        });
    }

    interface Work {
        void run() throws Exception;
    }

    interface Worker {
        Work on(Connection connection) throws Exception;
    }

    /** Runs {@code concurrency} connections' work in a loop and prints "rate/s p50_ms p99_ms" of the measured part. */
    static void loop(String jdbcUrl, int concurrency, int warmup, int seconds, Worker worker) throws Exception {
        long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
        long end = warmEnd + TimeUnit.SECONDS.toNanos(seconds);
        ConcurrentLinkedQueue<long[]> all = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(concurrency);
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < concurrency; i++) {
            Thread thread = new Thread(() -> {
                long[] latencies = new long[500_000];
                int n = 0;
                try (Connection c = DriverManager.getConnection(jdbcUrl)) {
                    Work work = worker.on(c);
                    long now;
                    while ((now = System.nanoTime()) < end) {
                        work.run();
                        long after = System.nanoTime();
                        if (now >= warmEnd && n < latencies.length) {
                            latencies[n++] = after - now;
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                } finally {
                    all.add(java.util.Arrays.copyOf(latencies, n));
                    done.countDown();
                }
            });
            thread.start();
        }
        done.await();
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.get(0));
        }
        long[] merged = all.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
        System.out.printf("%.0f %.1f %.1f%n", merged.length / (double) seconds, pct(merged, 0.50) / 1e6,
                pct(merged, 0.99) / 1e6);
    }

    /**
     * Commit-to-Kafka: books at {@code rate}/s for {@code seconds} (each request on its own, an open model) while a
     * consumer on every partition of the topic measures event time ({@code ce_time}, taken before the booking's
     * transaction) to receipt, an upper bound of commit to acknowledgement.
     */
    static void paced(String baseUrl, String site, String[] slots, String token, int rate, int seconds,
            String bootstrap, String topic) throws Exception {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();
        List<Double> requestLatencies = Collections.synchronizedList(new ArrayList<>());
        List<Double> latencies = new ArrayList<>();
        int n = rate * seconds;
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
            AtomicLong sent = new AtomicLong();
            long began = System.nanoTime();
            pacer.scheduleAtFixedRate(() -> {
                long i = sent.getAndIncrement();
                if (i >= n) {
                    return;
                }
                String body = body(slots[(int) (i % slots.length)]);
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/sites/" + site + "/bookings"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                long t0 = System.nanoTime();
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                    if (error == null && response.statusCode() == 201) {
                        created.incrementAndGet();
                        requestLatencies.add((System.nanoTime() - t0) / 1e6);
                    } else {
                        failed.incrementAndGet();
                    }
                });
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 30L);
            while (latencies.size() < n && System.nanoTime() < deadline
                    && (sent.get() < n || latencies.size() < created.get())) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(10))) {
                    long received = System.currentTimeMillis();
                    String time = new String(record.headers().lastHeader("ce_time").value(), StandardCharsets.UTF_8);
                    latencies.add((double) (received - Instant.parse(time).toEpochMilli()));
                }
            }
            double elapsed = (System.nanoTime() - began) / 1e9;
            pacer.shutdownNow();
            double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] requests = List.copyOf(requestLatencies).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(
                    "offered=%d/s requests=%d created=%d failed=%d events=%d achieved=%.0f/s request-p50=%.1fms"
                            + " request-p99=%.1fms commit-to-kafka-p50=%.1fms commit-to-kafka-p99=%.1fms%n",
                    rate, n, created.get(), failed.get(), sorted.length, sorted.length / elapsed,
                    pct(requests, 0.5), pct(requests, 0.99), pct(sorted, 0.5), pct(sorted, 0.99));
        }
    }

    static String body(String slot) {
        return "{\"slotId\":\"" + slot + "\",\"clientName\":\"Bench Client\",\"clientEmail\":\"bench@example.org\","
                + "\"clientPhone\":\"+447700900123\"}";
    }

    static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    static double pct(double[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
