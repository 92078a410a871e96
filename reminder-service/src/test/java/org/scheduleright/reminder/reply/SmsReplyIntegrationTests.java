package org.scheduleright.reminder.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.booking.BookingCreated;
import org.scheduleright.events.booking.BookingSource;
import org.scheduleright.events.booking.BookingStatus;
import org.scheduleright.events.reminder.ReminderReplied;
import org.scheduleright.events.reminder.ReplyAnswer;
import org.scheduleright.reminder.ReminderActivityRecorder;
import org.scheduleright.reminder.ReminderIntegrationTest;
import org.scheduleright.reminder.booking.persistence.KnownBooking;
import org.scheduleright.reminder.booking.persistence.KnownBookings;
import org.scheduleright.reminder.reminder.domain.MessageTemplate;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.scheduleright.reminder.reminder.domain.ReminderKind;
import org.scheduleright.reminder.reminder.domain.ReminderSettings;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;
import org.scheduleright.reminder.reminder.persistence.ReminderRow;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.scheduleright.reminder.settings.persistence.OrgReminderSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * A signed inbound SMS answering the latest reminder sent to the number asks booking-service, through a
 * {@code reminder.replied} event, to confirm or cancel that booking, and the TwiML answer names the local time; a
 * repeated webhook acts once, an unsigned one changes nothing, an organisation without replies gets no answer.
 */
class SmsReplyIntegrationTests extends ReminderIntegrationTest {

    /** The number reminders leave from in these tests (TWILIO_PHONE_NUMBER). */
    private static final String OUR_NUMBER = "+15005550006";

    @Autowired
    KnownBookings bookings;

    @Autowired
    Reminders reminders;

    @Autowired
    OrgReminderSettings settings;

    @Autowired
    DatabaseClient database;

    private final ReminderActivityRecorder recorder = new ReminderActivityRecorder();

    @AfterEach
    void closeRecorder() {
        recorder.close();
    }

    private static String randomNumber() {
        return "+4915" + (100000000 + (int) (Math.random() * 899999999));
    }

    private static String newSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * Stores a booking of the number (10:30 in Paris, two days ahead) in {@code status}, with one reminder Twilio
     * accepted from {@link #OUR_NUMBER}; the organisation's replies are {@code repliesOn}. Returns the booking event.
     */
    private BookingCreated answeredBooking(String phone, BookingStatus status, boolean repliesOn) {
        Instant start = Instant.now()
                .plus(Duration.ofDays(2))
                .atZone(java.time.ZoneId.of("Europe/Paris"))
                .withHour(10)
                .withMinute(30)
                .withSecond(0)
                .withNano(0)
                .toInstant();
        BookingCreated created = created(start, Instant.now(), phone);
        UUID reminder = scheduledReminder(created);
        Instant now = Instant.now();
        bookings.save(
                        new KnownBooking(
                                created.bookingId(),
                                created.orgId(),
                                created.siteId(),
                                status,
                                created.startTime(),
                                created.endTime(),
                                created.timezone(),
                                null,
                                created.contact(),
                                now,
                                created.eventId()),
                        phoneHasher.hash(new PhoneNumber(phone)),
                        now)
                .then(settings.save(
                        created.orgId(),
                        new ReminderSettings(true, List.of(24), MessageTemplate.DEFAULT, false, null, repliesOn),
                        now))
                .then(database.sql("UPDATE reminders SET status = 'sent', twilio_sid = :sid, sent_from = :from,"
                                + " handed_over_at = :now WHERE id = :id")
                        .bind("sid", newSid())
                        .bind("from", OUR_NUMBER)
                        .bind("now", java.time.LocalDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
                        .bind("id", reminder.toString())
                        .then())
                .block();
        return created;
    }

    private WebTestClient.ResponseSpec inbound(Map<String, String> params, boolean signed) throws Exception {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        params.forEach(form::add);
        String signature = signed ? twilioSignature("/webhooks/twilio/inbound", params) : "forged";
        return http().post()
                .uri("/webhooks/twilio/inbound")
                .header("X-Twilio-Signature", signature)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .exchange();
    }

    private static Map<String, String> reply(String sid, String from, String body) {
        return Map.of("MessageSid", sid, "From", from, "To", OUR_NUMBER, "Body", body);
    }

    private String answer(Map<String, String> params) throws Exception {
        byte[] body = inbound(params, true)
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    private List<ReminderReplied> repliesFor(UUID bookingId) {
        return recorder.eventsOfBooking(bookingId).stream()
                .filter(event -> event instanceof ReminderReplied)
                .map(ReminderReplied.class::cast)
                .toList();
    }

    @Test
    void aConfirmingReplyPublishesReminderRepliedAndNamesTheLocalTime() throws Exception {
        String phone = randomNumber();
        BookingCreated booking = answeredBooking(phone, BookingStatus.PENDING, true);
        String sid = newSid();

        String twiml = answer(reply(sid, phone, " Yes! "));

        assertThat(twiml).contains("<Message>").contains("confirmed").contains("at 10:30");
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(repliesFor(booking.bookingId()))
                        .singleElement()
                        .satisfies(replied -> {
                            assertThat(replied.answer()).isEqualTo(ReplyAnswer.CONFIRM);
                            assertThat(replied.orgId()).isEqualTo(booking.orgId());
                            assertThat(replied.eventId())
                                    .isEqualTo(UUID.nameUUIDFromBytes(
                                            ("sms-reply:" + sid).getBytes(StandardCharsets.UTF_8)));
                        }));
    }

    @Test
    void aRepeatedWebhookActsOnceAndAnswersTheSame() throws Exception {
        String phone = randomNumber();
        BookingCreated booking = answeredBooking(phone, BookingStatus.CONFIRMED, true);
        String sid = newSid();

        String first = answer(reply(sid, phone, "x"));
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(repliesFor(booking.bookingId())).hasSize(1));
        String second = answer(reply(sid, phone, "x"));

        assertThat(first).contains("cancelled").isEqualTo(second);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(repliesFor(booking.bookingId()))
                        .singleElement()
                        .extracting(ReminderReplied::answer)
                        .isEqualTo(ReplyAnswer.CANCEL));
    }

    @Test
    void anUnsignedReplyIsForbiddenAndChangesNothing() throws Exception {
        String phone = randomNumber();
        BookingCreated booking = answeredBooking(phone, BookingStatus.PENDING, true);
        String sid = newSid();

        inbound(reply(sid, phone, "C"), false).expectStatus().isForbidden();

        Long stored = database.sql("SELECT COUNT(*) AS n FROM inbound_replies WHERE message_sid = :sid")
                .bind("sid", sid)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
        assertThat(stored).isZero();
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(repliesFor(booking.bookingId())).isEmpty());
    }

    @Test
    void anythingElseGetsOneHelpAnswerAndActsOnNothing() throws Exception {
        String phone = randomNumber();
        BookingCreated booking = answeredBooking(phone, BookingStatus.CONFIRMED, true);

        String twiml = answer(reply(newSid(), phone, "what time was it again?"));

        assertThat(twiml).contains("Reply C to confirm or X to cancel").contains("10:30");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(repliesFor(booking.bookingId())).isEmpty());
    }

    @Test
    void anOrganisationWithoutRepliesGetsNoAnswerAndNoEvent() throws Exception {
        String phone = randomNumber();
        BookingCreated booking = answeredBooking(phone, BookingStatus.PENDING, false);

        String twiml = answer(reply(newSid(), phone, "C"));

        assertThat(twiml).doesNotContain("<Message>");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(repliesFor(booking.bookingId())).isEmpty());
    }

    @Test
    void aReplyToAnotherOfOurNumbersFindsNothingToAnswer() throws Exception {
        String phone = randomNumber();
        answeredBooking(phone, BookingStatus.PENDING, true);
        Map<String, String> params = Map.of("MessageSid", newSid(), "From", phone, "To", "+15005550001", "Body", "C");

        assertThat(answer(params)).doesNotContain("<Message>");
    }

    @Test
    void aPublicBookingOfAnOrganisationWithRepliesGetsOneConfirmationRequest() throws Exception {
        String phone = randomNumber();
        BookingCreated booking =
                created(Instant.now().plus(Duration.ofDays(3)), Instant.now(), phone, BookingSource.PUBLIC);
        settings.save(
                        booking.orgId(),
                        new ReminderSettings(true, List.of(24, 2), MessageTemplate.DEFAULT, false, null, true),
                        Instant.now())
                .block();

        publish(booking);
        publish(booking);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(reminders
                                .ofBooking(booking.bookingId())
                                .collectList()
                                .block())
                        .singleElement()
                        .satisfies(row -> {
                            assertThat(row.kind()).isEqualTo(ReminderKind.CONFIRMATION);
                            assertThat(row.status()).isEqualTo(ReminderStatus.SCHEDULED);
                        }));
    }

    @Test
    void aPublicBookingOfAnOrganisationWithoutRepliesGetsNothing() throws Exception {
        String phone = randomNumber();
        BookingCreated booking =
                created(Instant.now().plus(Duration.ofDays(3)), Instant.now(), phone, BookingSource.PUBLIC);
        publish(booking);

        // the booking is stored in the transaction that would have queued the request
        await().atMost(Duration.ofSeconds(20))
                .until(() -> bookings.find(booking.bookingId()).blockOptional().isPresent());
        List<ReminderRow> rows =
                reminders.ofBooking(booking.bookingId()).collectList().block();
        assertThat(rows).isEmpty();
    }
}
