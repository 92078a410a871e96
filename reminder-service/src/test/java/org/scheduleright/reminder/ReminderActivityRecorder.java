package org.scheduleright.reminder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.scheduleright.events.kafka.CloudEventCodec;
import org.scheduleright.events.reminder.ReminderActivity;
import org.scheduleright.platform.testing.TestInfrastructure;

/** Reads the reminder activity stream from its start and keeps what it saw, for assertions by reminder or booking. */
public final class ReminderActivityRecorder implements AutoCloseable {

    private static final CloudEventCodec<ReminderActivity> CODEC = CloudEventCodec.of(ReminderActivity.STREAM);

    private final KafkaConsumer<String, byte[]> consumer;

    private final List<ReminderActivity> seen = new CopyOnWriteArrayList<>();

    public ReminderActivityRecorder() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "reminder-activity-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
        consumer.subscribe(List.of(ReminderActivity.TOPIC));
    }

    /** Polls once and returns every event seen so far for the reminder. */
    public List<ReminderActivity> eventsOf(UUID reminderId) {
        poll();
        return seen.stream().filter(e -> e.reminderId().equals(reminderId)).toList();
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            seen.add(CODEC.fromRecord(record));
        }
    }

    /** Polls once and returns every event seen so far about one of the bookings, in the order consumed. */
    public List<ReminderActivity> ofBookings(Set<UUID> bookingIds) {
        poll();
        return seen.stream()
                .filter(e -> e.bookingId() != null && bookingIds.contains(e.bookingId()))
                .toList();
    }

    /** Polls once and returns every event seen so far about the booking. */
    public List<ReminderActivity> eventsOfBooking(UUID bookingId) {
        return ofBookings(Set.of(bookingId));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
