package org.scheduleright.booking.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.scheduleright.booking.BookingIntegrationTest;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.events.booking.BookingSource;
import org.scheduleright.events.contact.Contact;
import org.scheduleright.events.contact.ContactCipher;
import org.scheduleright.events.kafka.CloudEventCodec;
import org.scheduleright.platform.testing.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;

/** Every booking change reaches the bookings topic as a CloudEvent with its trace, without personal data in clear. */
class OutboxPublishingIntegrationTests extends BookingIntegrationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Autowired
    ContactCipher contacts;

    @Test
    void publishesEachChangeInOrderWithEveryCloudEventsHeaderAndTheTraceparent() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 2);
        String id = (String) http().post()
                .uri("/api/v1/sites/{site}/bookings", site)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .bodyValue(bookingBody(slot))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        put(org, id, "confirm");
        put(org, id, "cancel");

        List<ConsumerRecord<String, byte[]>> records =
                await().atMost(Duration.ofSeconds(30)).until(() -> read(id), found -> found.size() >= 3);

        assertThat(records).hasSize(3);
        assertThat(records)
                .extracting(record -> TopicRecords.header(record, "ce_type"))
                .containsExactly(
                        "org.scheduleright.booking.created.v1",
                        "org.scheduleright.booking.confirmed.v1",
                        "org.scheduleright.booking.cancelled.v1");
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(TopicRecords.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(TopicRecords.header(record, "ce_id")).isNotBlank();
            assertThat(TopicRecords.header(record, "ce_source")).isEqualTo("/booking-service");
            assertThat(TopicRecords.header(record, "ce_subject")).isEqualTo(id);
            assertThat(TopicRecords.header(record, "ce_time")).isNotBlank();
            assertThat(TopicRecords.header(record, "content-type")).isEqualTo("application/json");
            assertThat(TopicRecords.header(record, "traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        }
        assertThat(TopicRecords.header(records.get(0), "traceparent")).startsWith("00-" + TRACE_ID + "-");
        var created = CloudEventCodec.of(BookingLifecycle.STREAM).fromRecord(records.get(0));
        assertThat(created.bookingId().toString()).isEqualTo(id);
        assertThat(created.source()).isEqualTo(BookingSource.STAFF);
        assertThat(created.slotId().toString()).isEqualTo(slot);
        // every event names the site, for the client's texts (issue 17)
        assertThat(records)
                .extracting(record -> CloudEventCodec.of(BookingLifecycle.STREAM)
                        .fromRecord(record)
                        .siteName())
                .containsOnly("Main site");
    }

    @Test
    void thePayloadOnTheTopicCarriesNoNameEmailOrPhoneInClear() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 2);
        String id = (String) book(org, site, slot).get("id");

        List<ConsumerRecord<String, byte[]>> records =
                await().atMost(Duration.ofSeconds(30)).until(() -> read(id), found -> !found.isEmpty());

        String payload = new String(records.get(0).value(), StandardCharsets.UTF_8);
        assertThat(payload)
                .doesNotContain("Ada")
                .doesNotContain("Lovelace")
                .doesNotContain("ada@example.org")
                .doesNotContain("+447700900123")
                .doesNotContain("447700900123")
                .contains("\"contact\"");
        var event = CloudEventCodec.of(BookingLifecycle.STREAM).fromRecord(records.get(0));
        assertThat(contacts.decrypt(event.contact()))
                .isEqualTo(new Contact("Ada Lovelace", "ada@example.org", "+447700900123"));
    }

    @Test
    void exportsBacklogAndTransitionMetrics() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 2);
        String id = (String) book(org, site, slot).get("id");
        put(org, id, "confirm");

        String metrics = http().get()
                .uri("/metrics")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(metrics)
                .contains("scheduleright_outbox_backlog_events")
                .contains("scheduleright_outbox_oldest_unsent_age_seconds")
                .containsPattern("scheduleright_bookings_total\\{[^}]*status=\"pending\"")
                .containsPattern("scheduleright_bookings_total\\{[^}]*status=\"confirmed\"");
    }

    private void put(String org, String id, String action) {
        http().put()
                .uri("/api/v1/bookings/{id}/{action}", id, action)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private static List<ConsumerRecord<String, byte[]>> read(String bookingId) {
        return TopicRecords.read(TestInfrastructure.kafkaBootstrapServers(), BookingLifecycle.TOPIC, Set.of(bookingId));
    }
}
