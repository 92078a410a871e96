package org.scheduleright.reminder.booking.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.events.reminder.ReminderActivity;
import org.scheduleright.platform.testing.TestInfrastructure;
import org.scheduleright.reminder.ReminderIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * The booking topic and the reminder topic exist with their declared partitions and retention, and the booking-event
 * listener runs one consumer per configured thread, so that partitions are consumed in parallel.
 */
class BookingTopicsIntegrationTests extends ReminderIntegrationTest {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void topicsHaveTheirDeclaredPartitionsAndRetention() throws Exception {
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            for (String topic : List.of(BookingLifecycle.TOPIC, ReminderActivity.TOPIC)) {
                TopicDescription description = admin.describeTopics(List.of(topic))
                        .topicNameValues()
                        .get(topic)
                        .get(30, TimeUnit.SECONDS);
                assertThat(description.partitions()).hasSizeGreaterThanOrEqualTo(6);
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                assertThat(admin.describeConfigs(List.of(resource))
                                .all()
                                .get(30, TimeUnit.SECONDS)
                                .get(resource)
                                .get(TopicConfig.RETENTION_MS_CONFIG)
                                .value())
                        .isEqualTo(String.valueOf(7L * 24 * 3600 * 1000));
            }
        }
    }

    @Autowired
    org.springframework.core.env.Environment environment;

    @Test
    void theBookingEventListenerRunsTheConfiguredNumberOfConsumers() {
        int configured = environment.getRequiredProperty("scheduleright.reminders.consumer.concurrency", Integer.class);
        var container = listeners.getListenerContainer("reminder-service-bookings");
        assertThat(container).isInstanceOf(ConcurrentMessageListenerContainer.class);
        assertThat(((ConcurrentMessageListenerContainer<?, ?>) container).getConcurrency())
                .isEqualTo(configured);
        assertThat(((ConcurrentMessageListenerContainer<?, ?>) container).getContainers())
                .hasSize(configured);
    }
}
