package org.scheduleright.booking.outbox;

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
import org.scheduleright.booking.BookingIntegrationTest;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.platform.testing.TestInfrastructure;

/** The booking topic is declared at startup with its partitions and retention, never left to broker defaults. */
class BookingTopicIntegrationTests extends BookingIntegrationTest {

    @Test
    void theBookingTopicHasSixPartitionsAndSevenDaysRetention() throws Exception {
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            TopicDescription description = admin.describeTopics(List.of(BookingLifecycle.TOPIC))
                    .topicNameValues()
                    .get(BookingLifecycle.TOPIC)
                    .get(30, TimeUnit.SECONDS);
            assertThat(description.partitions()).hasSizeGreaterThanOrEqualTo(6);
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, BookingLifecycle.TOPIC);
            assertThat(admin.describeConfigs(List.of(topic))
                            .all()
                            .get(30, TimeUnit.SECONDS)
                            .get(topic)
                            .get(TopicConfig.RETENTION_MS_CONFIG)
                            .value())
                    .isEqualTo(String.valueOf(7L * 24 * 3600 * 1000));
        }
    }
}
