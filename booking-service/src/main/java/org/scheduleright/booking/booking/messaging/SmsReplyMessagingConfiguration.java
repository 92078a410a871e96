package org.scheduleright.booking.booking.messaging;

import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.scheduleright.events.UndecodableEventException;
import org.scheduleright.events.UnknownEventTypeException;
import org.scheduleright.events.kafka.CloudEventHeaders;
import org.scheduleright.events.reminder.ReminderActivity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Retries an SMS reply that could not be applied (database unreachable, lock timeout) with a growing pause and without
 * giving up, so that no client's answer is lost while the database is down; a record that cannot be decoded is logged
 * (event id and error class only) and skipped at once, since no retry would change it.
 */
@Configuration(proxyBeanMethods = false)
class SmsReplyMessagingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SmsReplyMessagingConfiguration.class);

    /**
     * The reminder topic as reminder-service declares it (docs/operations/kafka-topics.md), whichever service starts
     * first, so that it never takes a broker's auto-creation defaults.
     */
    @Bean
    NewTopic reminderEventsTopic(
            @Value("${scheduleright.outbox.topic-partitions:6}") int partitions,
            @Value("${scheduleright.outbox.topic-retention:7d}") Duration retention) {
        return TopicBuilder.name(ReminderActivity.TOPIC)
                .partitions(partitions)
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis()))
                .build();
    }

    @Bean
    DefaultErrorHandler smsReplyErrorHandler(
            @Value("${scheduleright.sms-replies.initial-backoff:500ms}") Duration initialBackoff,
            @Value("${scheduleright.sms-replies.max-backoff:30s}") Duration maxBackoff) {
        ExponentialBackOff backOff = new ExponentialBackOff(initialBackoff.toMillis(), 2.0);
        backOff.setMaxInterval(maxBackoff.toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, error) -> log.error(
                        "Reminder event {} at {}-{}@{} skipped: {}",
                        CloudEventHeaders.value(record.headers(), CloudEventHeaders.ID),
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        rootCause(error).getClass().getSimpleName()),
                backOff);
        handler.setRetryListeners((record, error, attempt) -> log.warn(
                "Reminder event {} failed (attempt {}): {}",
                CloudEventHeaders.value(record.headers(), CloudEventHeaders.ID),
                attempt,
                error == null ? "unknown" : rootCause(error).getClass().getName()));
        handler.addNotRetryableExceptions(
                UndecodableEventException.class, UnknownEventTypeException.class, IllegalArgumentException.class);
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
