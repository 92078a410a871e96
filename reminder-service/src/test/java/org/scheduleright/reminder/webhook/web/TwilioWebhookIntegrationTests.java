package org.scheduleright.reminder.webhook.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.booking.BookingCreated;
import org.scheduleright.events.reminder.ReminderDelivered;
import org.scheduleright.events.reminder.ReminderFailed;
import org.scheduleright.events.reminder.ReminderSkipped;
import org.scheduleright.reminder.ReminderActivityRecorder;
import org.scheduleright.reminder.ReminderIntegrationTest;
import org.scheduleright.reminder.booking.persistence.KnownBookings;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;
import org.scheduleright.reminder.reminder.persistence.OptOuts;
import org.scheduleright.reminder.reminder.persistence.ReminderRow;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/** Twilio webhooks are accepted only with a valid signature, move reminders forward only and honour STOP/START. */
class TwilioWebhookIntegrationTests extends ReminderIntegrationTest {

    @Autowired
    Reminders reminders;

    @Autowired
    KnownBookings bookings;

    @Autowired
    OptOuts optOuts;

    private WebTestClient.ResponseSpec post(String path, Map<String, String> params, String signature) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        params.forEach(form::add);
        return http().post()
                .uri(path)
                .header("X-Twilio-Signature", signature)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .exchange();
    }

    /** Stores a booking of the number with its phone hash and one pending reminder due in a day. */
    private UUID pendingReminderTo(String phone) {
        BookingCreated created = created(Instant.now().plus(Duration.ofDays(2)), Instant.now(), phone);
        UUID id = scheduledReminder(created);
        bookings.rememberPhoneHash(created.bookingId(), phoneHasher.hash(new PhoneNumber(phone)))
                .block();
        return id;
    }

    private static String randomNumber(String prefix) {
        return prefix + (1000000 + (int) (Math.random() * 8999999));
    }

    private ReminderRow reminder(UUID id) {
        return reminders.find(id).block();
    }

    @Test
    void rejectsAStatusCallbackWithAForgedSignature() throws Exception {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        UUID id = sentReminder(sid);
        Map<String, String> params = Map.of("MessageSid", sid, "MessageStatus", "delivered");

        post("/webhooks/twilio/status", params, twilioSignature("/webhooks/twilio/status", Map.of("MessageSid", sid)))
                .expectStatus()
                .isForbidden();

        assertThat(reminder(id).status()).isEqualTo(ReminderStatus.SENT);
    }

    @Test
    void marksASentReminderDeliveredAndNeverMovesItBack() throws Exception {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        UUID id = sentReminder(sid);
        Map<String, String> delivered = Map.of("MessageSid", sid, "MessageStatus", "delivered");
        Map<String, String> failed = Map.of("MessageSid", sid, "MessageStatus", "failed", "ErrorCode", "30003");

        post("/webhooks/twilio/status", delivered, twilioSignature("/webhooks/twilio/status", delivered))
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("<Response>"));
        post("/webhooks/twilio/status", failed, twilioSignature("/webhooks/twilio/status", failed))
                .expectStatus()
                .isOk();

        assertThat(reminder(id).status()).isEqualTo(ReminderStatus.DELIVERED);
    }

    @Test
    void marksASentReminderFailedWithTwiliosErrorCode() throws Exception {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        UUID id = sentReminder(sid);
        Map<String, String> failed = Map.of("MessageSid", sid, "MessageStatus", "undelivered", "ErrorCode", "30003");

        post("/webhooks/twilio/status", failed, twilioSignature("/webhooks/twilio/status", failed))
                .expectStatus()
                .isOk();

        assertThat(reminder(id))
                .extracting(ReminderRow::status, ReminderRow::reason)
                .containsExactly(ReminderStatus.FAILED, "twilio:30003");
    }

    @Test
    void optsANumberOutOnStopAndBackInOnStart() throws Exception {
        String from = "+3362" + (1000000 + (int) (Math.random() * 8999999));
        Map<String, String> stop = Map.of("From", from, "Body", " stop ");
        Map<String, String> start = Map.of("From", from, "Body", "START");

        post("/webhooks/twilio/inbound", stop, twilioSignature("/webhooks/twilio/inbound", stop))
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_XML);
        assertThat(optOuts.isOptedOut(new PhoneNumber(from)).block()).isTrue();

        post("/webhooks/twilio/inbound", start, twilioSignature("/webhooks/twilio/inbound", start))
                .expectStatus()
                .isOk();
        assertThat(optOuts.isOptedOut(new PhoneNumber(from)).block()).isFalse();
    }

    @Test
    void ignoresAnInboundStopWithoutValidSignature() {
        String from = "+3363" + (1000000 + (int) (Math.random() * 8999999));

        post("/webhooks/twilio/inbound", Map.of("From", from, "Body", "STOP"), "forged")
                .expectStatus()
                .isForbidden();

        assertThat(optOuts.isOptedOut(new PhoneNumber(from)).block()).isFalse();
    }

    @Test
    void publishesDeliveredAndFailedEventsFromStatusCallbacks() throws Exception {
        String deliveredSid = "SM" + UUID.randomUUID().toString().replace("-", "");
        String failedSid = "SM" + UUID.randomUUID().toString().replace("-", "");
        UUID delivered = sentReminder(deliveredSid);
        UUID failed = sentReminder(failedSid);
        Map<String, String> deliveredForm = Map.of("MessageSid", deliveredSid, "MessageStatus", "delivered");
        Map<String, String> failedForm =
                Map.of("MessageSid", failedSid, "MessageStatus", "failed", "ErrorCode", "30006");

        try (ReminderActivityRecorder activity = new ReminderActivityRecorder()) {
            post("/webhooks/twilio/status", deliveredForm, twilioSignature("/webhooks/twilio/status", deliveredForm))
                    .expectStatus()
                    .isOk();
            post("/webhooks/twilio/status", failedForm, twilioSignature("/webhooks/twilio/status", failedForm))
                    .expectStatus()
                    .isOk();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(activity.eventsOf(delivered)).hasAtLeastOneElementOfType(ReminderDelivered.class);
                assertThat(activity.eventsOf(failed))
                        .filteredOn(ReminderFailed.class::isInstance)
                        .extracting(event -> ((ReminderFailed) event).reason())
                        .containsExactly("twilio:30006");
            });
        }
    }

    @Test
    void skipsThePendingRemindersOfANumberAtOnceWhenItRepliesStop() throws Exception {
        String from = randomNumber("+3364");
        UUID pending = pendingReminderTo(from);
        UUID otherNumber = pendingReminderTo(randomNumber("+3365"));
        Map<String, String> stop = Map.of("From", from, "Body", "STOP");

        try (ReminderActivityRecorder activity = new ReminderActivityRecorder()) {
            post("/webhooks/twilio/inbound", stop, twilioSignature("/webhooks/twilio/inbound", stop))
                    .expectStatus()
                    .isOk();

            assertThat(reminder(pending))
                    .extracting(ReminderRow::status, ReminderRow::reason)
                    .containsExactly(ReminderStatus.SKIPPED, "opted_out");
            assertThat(reminder(otherNumber).status()).isEqualTo(ReminderStatus.SCHEDULED);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(activity.eventsOf(pending))
                            .filteredOn(ReminderSkipped.class::isInstance)
                            .extracting(event -> ((ReminderSkipped) event).reason())
                            .containsExactly("opted_out"));
        }
    }
}
