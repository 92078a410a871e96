package org.scheduleright.reminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.booking.BookingCreated;
import org.scheduleright.platform.testing.PrometheusText;
import org.scheduleright.platform.testing.TestInfrastructure;
import org.scheduleright.reminder.ReminderIntegrationTest;
import org.scheduleright.reminder.booking.persistence.KnownBookings;
import org.scheduleright.reminder.quota.QuotaDecision;
import org.scheduleright.reminder.quota.QuotaProperties;
import org.scheduleright.reminder.quota.SmsQuotas;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;
import org.scheduleright.reminder.reminder.persistence.ReminderRow;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.scheduleright.reminder.sms.twilio.FakeTwilio;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * After a booking event is consumed, a reminder sent through Twilio, a delivered and a failed status callback and a
 * quota rejection, {@code /metrics} exports each series the dashboards and alerts use, with templated URIs only.
 */
class MetricsScrapeIntegrationTests extends ReminderIntegrationTest {

    private static final Pattern UUID_LIKE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final String STATUS_CALLBACK = "/webhooks/twilio/status";

    @Autowired
    Reminders reminders;

    @Autowired
    KnownBookings bookings;

    @Autowired
    ApplicationContext context;

    @Autowired
    SmsQuotas quotas;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ObservationRegistry observations;

    @Test
    void exportsTheServicesSeriesAfterEachFeatureRan() throws Exception {
        PrometheusText before = scrape();

        BookingCreated created = created(
                Instant.now().plus(Duration.ofMinutes(90)).truncatedTo(ChronoUnit.MINUTES),
                Instant.now(),
                "+33612345678");
        publish(created);
        ReminderRow due = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> reminders
                                .ofBooking(created.bookingId())
                                .filter(r -> r.status() == ReminderStatus.SCHEDULED)
                                .blockFirst(),
                        row -> row != null);
        try (FakeTwilio twilio = new FakeTwilio()) {
            SmsDispatcher dispatcher = new ExtraDispatchers(context)
                    .create("metrics-worker", twilioSender(twilio.baseUrl(), observations), quotas, meters);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                dispatcher.dispatchDue().block();
                return reminders.find(due.id()).block().status() == ReminderStatus.SENT;
            });
        }
        statusCallback(acceptedSid(), Map.of("MessageStatus", "delivered"));
        statusCallback(acceptedSid(), Map.of("MessageStatus", "undelivered", "ErrorCode", "30003"));
        rejectOneSmsOverQuota();
        http().get()
                .uri("/api/v1/bookings/{id}/reminders", created.bookingId())
                .headers(h -> h.setBearerAuth(
                        jwks.token(UUID.randomUUID().toString(), created.orgId().toString(), "STAFF")))
                .exchange()
                .expectStatus()
                .isOk();

        PrometheusText after = await().atMost(Duration.ofSeconds(30))
                .until(
                        this::scrape,
                        page -> !page.series("kafka_consumer_fetch_manager_records_lag_max")
                                .isEmpty());

        assertThat(after.series("http_server_requests_seconds_bucket"))
                .extracting(sample -> sample.label("uri"))
                .contains("/api/v1/bookings/{bookingId}/reminders", STATUS_CALLBACK)
                .noneMatch(uri -> UUID_LIKE.matcher(uri).find());
        assertThat(after.series(
                        "http_server_requests_seconds_bucket", Map.of("uri", "/api/v1/bookings/{bookingId}/reminders")))
                .as("a histogram, from which p50, p95 and p99 are computed with histogram_quantile")
                .extracting(sample -> sample.label("le"))
                .contains("+Inf")
                .hasSizeGreaterThan(10);
        assertThat(after.names())
                .contains(
                        "r2dbc_query_seconds_bucket",
                        "kafka_consumer_fetch_manager_records_lag_max",
                        "kafka_producer_record_send_total",
                        "jvm_memory_used_bytes",
                        "process_cpu_usage",
                        "scheduleright_twilio_requests_seconds_count",
                        "scheduleright_reminder_send_seconds_count");
        assertThat(after.series("scheduleright_reminders_total", Map.of("status", "sent")))
                .allSatisfy(sample -> assertThat(sample.labels()).containsKey("reason"))
                .isNotEmpty();
        assertThat(increase(before, after, "scheduleright_sms_delivery_total", Map.of("result", "delivered")))
                .isEqualTo(1.0);
        assertThat(increase(before, after, "scheduleright_sms_delivery_total", Map.of("result", "failed")))
                .isEqualTo(1.0);
        assertThat(after.series("scheduleright_sms_quota_usage_ratio"))
                .extracting(sample -> sample.label("scope"))
                .contains("org", "overall");
        assertThat(increase(before, after, "scheduleright_sms_quota_rejections_total", Map.of("scope", "recipient")))
                .isEqualTo(1.0);
    }

    private PrometheusText scrape() {
        return PrometheusText.scrape(
                WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build());
    }

    private static double increase(
            PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    /** Two SMS to one number under a limit of one per hour, through quotas that report to the service's metrics. */
    private void rejectOneSmsOverQuota() {
        QuotaProperties oneAnHour = new QuotaProperties(
                "metrics-test:" + UUID.randomUUID() + ":",
                1,
                10,
                100,
                100,
                100,
                100,
                0.8,
                10,
                Duration.ofSeconds(5),
                Duration.ofMinutes(1));
        PhoneNumber phone =
                new PhoneNumber("+3361" + ThreadLocalRandom.current().nextInt(1000000, 9999999));
        try (SmsQuotas tight =
                new SmsQuotas(TestInfrastructure.redisUrl(), oneAnHour, phoneHasher, meters, Clock.systemUTC())) {
            assertThat(tight.acquire(UUID.randomUUID(), phone).block()).isInstanceOf(QuotaDecision.Allowed.class);
            assertThat(tight.acquire(UUID.randomUUID(), phone).block()).isInstanceOf(QuotaDecision.Exceeded.class);
        }
    }

    /** The sid of a new reminder Twilio accepted. */
    private String acceptedSid() {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        sentReminder(sid);
        return sid;
    }

    private void statusCallback(String sid, Map<String, String> fields) throws Exception {
        Map<String, String> params = new java.util.HashMap<>(fields);
        params.put("MessageSid", sid);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        params.forEach(form::add);
        http().post()
                .uri(STATUS_CALLBACK)
                .header("X-Twilio-Signature", twilioSignature(STATUS_CALLBACK, params))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .exchange()
                .expectStatus()
                .isOk();
    }
}
