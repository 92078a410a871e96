import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.scheduleright.events.booking.BookingCreated;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.events.booking.BookingSource;
import org.scheduleright.events.contact.Contact;
import org.scheduleright.events.contact.ContactCipher;
import org.scheduleright.events.kafka.CloudEventCodec;
import org.scheduleright.events.reminder.ReminderActivity;

/**
 * The reminder benchmark's client, a JVM of its own: publishes booking-created events (staff bookings two days ahead
 * with a phone number, so each plans reminders) to the booking topic, and measures for each booking the time from
 * publishing its event to receiving the first reminder event the reminder-service publishes after its transaction
 * committed (event → reminder scheduled). Run by benchmarks/reminder/run.sh with
 * {@code java -cp <reminder-service classpath> ReminderBench.java <command> ...}.
 */
public class ReminderBench {

    private static final CloudEventCodec<BookingLifecycle> BOOKINGS = CloudEventCodec.of(BookingLifecycle.STREAM);

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        switch (args[0]) {
            case "paced" -> run(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "burst" -> run(args[1], args[2], 0, Integer.parseInt(args[3]));
            case "members" -> members(args[1], args[2], Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    /**
     * Publishes {@code count} events at {@code rate}/s (0: as fast as the producer goes, a backlog) and waits until
     * each booking's first reminder event arrived; prints the latencies and the throughput from the first publish to
     * the last reminder.
     */
    static void run(String bootstrap, String keys, int rate, int count) throws Exception {
        ContactCipher cipher = ContactCipher.fromKeys(keys);
        Map<String, Long> publishedAt = new ConcurrentHashMap<>();
        Map<String, Long> scheduledAt = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap);
                KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            List<TopicPartition> partitions = List.of();
            for (int attempt = 0; partitions.isEmpty() && attempt < 60; attempt++) {
                partitions = consumer.partitionsFor(ReminderActivity.TOPIC, Duration.ofSeconds(30)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .toList();
                if (partitions.isEmpty()) {
                    Thread.sleep(500);
                }
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            long began = System.nanoTime();
            Thread publisher = new Thread(() -> {
                for (int i = 0; i < count; i++) {
                    if (rate > 0) {
                        long due = began + i * 1_000_000_000L / rate;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            try {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                    Instant now = Instant.now();
                    Instant start = now.plus(Duration.ofDays(2));
                    BookingCreated created = new BookingCreated(
                            UUID.randomUUID(),
                            UUID.randomUUID(),
                            UUID.randomUUID(),
                            UUID.randomUUID(),
                            UUID.randomUUID(),
                            start,
                            start.plus(Duration.ofMinutes(30)),
                            ZoneId.of("Europe/London"),
                            BookingSource.STAFF,
                            now,
                            cipher.encrypt(new Contact("Bench Client", "bench@example.org", "+447700900123")));
                    publishedAt.put(created.bookingId().toString(), System.nanoTime());
                    producer.send(BOOKINGS.toRecord(created, null));
                }
                producer.flush();
            });
            publisher.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120 + (rate > 0 ? count / rate : 0));
            while (scheduledAt.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(10))) {
                    long now = System.nanoTime();
                    if (record.key() != null && publishedAt.containsKey(record.key())) {
                        scheduledAt.putIfAbsent(record.key(), now);
                    }
                }
            }
            publisher.join();
            double[] latencies = scheduledAt.entrySet().stream()
                    .mapToDouble(e -> (e.getValue() - publishedAt.get(e.getKey())) / 1e6)
                    .sorted()
                    .toArray();
            long last = scheduledAt.values().stream().mapToLong(Long::longValue).max().orElse(began);
            System.out.printf(
                    "offered=%s events=%d scheduled=%d throughput=%.0f/s p50=%.0fms p99=%.0fms%n",
                    rate > 0 ? rate + "/s" : "backlog",
                    count,
                    latencies.length,
                    latencies.length / ((last - began) / 1e9),
                    pct(latencies, 0.5),
                    pct(latencies, 0.99));
        }
    }

    /** Waits until the consumer group is stable with {@code members} consumers (processes × concurrency). */
    static void members(String bootstrap, String group, int members) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                        .describedGroups()
                        .get(group)
                        .get();
                if (description.groupState() == GroupState.STABLE && description.members().size() >= members) {
                    long owners = description.members().stream()
                            .filter(member -> !member.assignment().topicPartitions().isEmpty())
                            .count();
                    System.out.println(description.members().size() + " consumers, " + owners + " own partitions");
                    return;
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("the group never had " + members + " members");
        }
    }

    static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    static double pct(double[] sorted, double q) {
        return sorted.length == 0
                ? Double.NaN
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
