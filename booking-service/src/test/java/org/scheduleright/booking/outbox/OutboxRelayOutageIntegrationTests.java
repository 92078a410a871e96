package org.scheduleright.booking.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.scheduleright.booking.BookingIntegrationTest;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.platform.outbox.Outbox;
import org.scheduleright.platform.outbox.OutboxProperties;
import org.scheduleright.platform.outbox.OutboxRelay;
import org.scheduleright.platform.testing.OutboxRelays;
import org.scheduleright.platform.testing.Probes;
import org.scheduleright.platform.testing.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * With Kafka unreachable bookings still succeed and their events wait in the outbox; once Kafka answers again every
 * event is delivered exactly once per {@code ce_id}, in order per booking. The test stops the service's relay and runs
 * its own, first against a dead port, then against the live broker.
 */
class OutboxRelayOutageIntegrationTests extends BookingIntegrationTest {

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRelay serviceRelay;

    @Autowired
    OutboxProperties properties;

    @Autowired
    DatabaseClient db;

    private final List<OutboxRelay> started = new ArrayList<>();

    @AfterEach
    void restartTheServiceRelay() {
        started.forEach(OutboxRelay::stop);
        serviceRelay.start();
    }

    @Test
    void eventsCommittedWhileKafkaIsDownAreDeliveredExactlyOnceInOrderWhenItIsBack() {
        serviceRelay.stop();
        OutboxRelay down = start("outage-" + UUID.randomUUID(), "127.0.0.1:" + Probes.deadPort());

        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 10);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            String id = (String) book(org, site, slot).get("id");
            put(org, id, "confirm");
            expected.put(id, new ArrayList<>(List.of("created", "confirmed")));
        }
        String cancelled = expected.keySet().iterator().next();
        put(org, cancelled, "cancel");
        expected.get(cancelled).add("cancelled");

        await().atMost(Duration.ofSeconds(30)).until(() -> down.consecutiveFailures() >= 2);
        assertThat(down.published()).isZero();
        assertThat(unsent(expected.keySet())).isEqualTo(7);
        await().atMost(Duration.ofSeconds(10)).until(() -> backlogGauge() >= 7);

        down.stop();
        started.remove(down);
        start("recovery-" + UUID.randomUUID(), TestInfrastructure.kafkaBootstrapServers());
        await().atMost(Duration.ofSeconds(30)).until(() -> unsent(expected.keySet()) == 0);

        List<ConsumerRecord<String, byte[]>> records = TopicRecords.read(
                TestInfrastructure.kafkaBootstrapServers(), BookingLifecycle.TOPIC, expected.keySet());
        assertThat(records).hasSize(7);
        assertThat(records.stream()
                        .map(record -> TopicRecords.header(record, "ce_id"))
                        .distinct())
                .hasSize(7);
        Map<String, List<String>> delivered = records.stream()
                .collect(Collectors.groupingBy(
                        ConsumerRecord::key,
                        LinkedHashMap::new,
                        Collectors.mapping(
                                record -> TopicRecords.header(record, "ce_type")
                                        .replace("org.scheduleright.booking.", "")
                                        .replace(".v1", ""),
                                Collectors.toList())));
        assertThat(delivered).isEqualTo(expected);
    }

    private OutboxRelay start(String owner, String bootstrapServers) {
        OutboxRelay relay = OutboxRelays.start(outbox, db, properties, owner, bootstrapServers);
        started.add(relay);
        return relay;
    }

    private long unsent(java.util.Set<String> bookings) {
        return db.sql("SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL AND subject IN (:subjects)")
                .bind("subjects", List.copyOf(bookings))
                .map(row -> row.get("n", Long.class))
                .one()
                .block(Duration.ofSeconds(5));
    }

    private double backlogGauge() {
        String metrics = http().get()
                .uri("/metrics")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return metrics.lines()
                .filter(line -> line.startsWith("scheduleright_outbox_backlog_events"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(-1);
    }

    private void put(String org, String id, String action) {
        http().put()
                .uri("/api/v1/bookings/{id}/{action}", id, action)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .exchange()
                .expectStatus()
                .isOk();
    }
}
