package org.scheduleright.booking.outbox;

import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.scheduleright.events.booking.BookingLifecycle;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares the booking lifecycle topic with explicit settings (docs/operations/kafka-topics.md), so that it never
 * depends on a broker's auto-creation defaults: enough partitions for parallel consumers (the key is the booking id,
 * so each booking's events stay in one partition, in order), time-based retention, replication from the broker's
 * default. Spring Kafka's admin creates it at startup, or adds partitions to an existing topic that has fewer.
 */
@Configuration(proxyBeanMethods = false)
class BookingTopicConfiguration {

    @Bean
    NewTopic bookingEventsTopic(
            @Value("${scheduleright.outbox.topic-partitions:6}") int partitions,
            @Value("${scheduleright.outbox.topic-retention:7d}") Duration retention) {
        return TopicBuilder.name(BookingLifecycle.TOPIC)
                .partitions(partitions)
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis()))
                .build();
    }
}
