package org.scheduleright.reminder.booking.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.scheduleright.events.UndecodableEventException;
import org.scheduleright.events.UnknownEventTypeException;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.events.contact.ContactDecryptionException;
import org.scheduleright.events.kafka.CloudEventHeaders;
import org.scheduleright.events.reminder.ReminderActivity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Bounded retries for booking events, then the dead-letter topic: malformed events and contacts no key opens go there
 * at once, with a metric and a log line that names only the event id, type and error class.
 */
@Configuration(proxyBeanMethods = false)
class BookingMessagingConfiguration {

    /** Where booking events that cannot be applied end up. */
    static final String DEAD_LETTER_TOPIC = BookingLifecycle.TOPIC + ".dlt";

    private static final Logger log = LoggerFactory.getLogger(BookingMessagingConfiguration.class);

    /**
     * The booking topic as booking-service declares it, and the reminder topic this service publishes to, with
     * explicit settings (docs/operations/kafka-topics.md), whichever service starts first.
     */
    @Bean
    NewTopic bookingEventsTopic(
            @Value("${scheduleright.reminders.consumer.topic-partitions:6}") int partitions,
            @Value("${scheduleright.reminders.consumer.topic-retention:7d}") java.time.Duration retention) {
        return topic(BookingLifecycle.TOPIC, partitions, retention);
    }

    @Bean
    NewTopic reminderEventsTopic(
            @Value("${scheduleright.reminders.consumer.topic-partitions:6}") int partitions,
            @Value("${scheduleright.reminders.consumer.topic-retention:7d}") java.time.Duration retention) {
        return topic(ReminderActivity.TOPIC, partitions, retention);
    }

    private static NewTopic topic(String name, int partitions, java.time.Duration retention) {
        return TopicBuilder.name(name)
                .partitions(partitions)
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis()))
                .build();
    }

    @Bean
    NewTopic bookingEventsDeadLetterTopic() {
        return TopicBuilder.name(DEAD_LETTER_TOPIC).partitions(1).build();
    }

    @Bean
    DefaultErrorHandler bookingEventsErrorHandler(
            KafkaOperations<Object, Object> kafka,
            MeterRegistry meters,
            @Value("${scheduleright.reminders.consumer.max-attempts:4}") int maxAttempts,
            @Value("${scheduleright.reminders.consumer.initial-backoff:500ms}") java.time.Duration initialBackoff) {
        DeadLetterPublishingRecoverer publisher =
                new DeadLetterPublishingRecoverer(kafka, (record, error) -> new TopicPartition(DEAD_LETTER_TOPIC, -1));
        ExponentialBackOff backOff = new ExponentialBackOff(initialBackoff.toMillis(), 2.0);
        backOff.setMaxAttempts(maxAttempts - 1);
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, error) -> {
                    Throwable cause = rootCause(error);
                    String eventId = CloudEventHeaders.value(record.headers(), CloudEventHeaders.ID);
                    String type = CloudEventHeaders.value(record.headers(), CloudEventHeaders.TYPE);
                    log.error(
                            "Booking event {} of type {} at {}-{}@{} dead-lettered to {}: {}",
                            eventId,
                            type,
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            DEAD_LETTER_TOPIC,
                            cause.getClass().getSimpleName());
                    meters.counter(
                                    "scheduleright.reminder.events.dead.lettered",
                                    "error",
                                    cause.getClass().getSimpleName())
                            .increment();
                    publisher.accept(record, error);
                },
                backOff);
        // every failed attempt is logged with its cause's class (the retry itself only logs "Record in retry"), so that
        // a retried event explains itself; no message text, which could quote a value
        handler.setRetryListeners((record, error, attempt) -> log.warn(
                "Booking event {} at {}-{}@{} failed (attempt {}): {}",
                CloudEventHeaders.value(record.headers(), CloudEventHeaders.ID),
                record.topic(),
                record.partition(),
                record.offset(),
                attempt,
                error == null ? "unknown" : rootCause(error).getClass().getName()));
        handler.addNotRetryableExceptions(
                UndecodableEventException.class, UnknownEventTypeException.class, ContactDecryptionException.class);
        handler.setCommitRecovered(true);
        return handler;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
