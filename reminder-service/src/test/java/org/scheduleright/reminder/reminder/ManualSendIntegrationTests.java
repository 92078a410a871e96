package org.scheduleright.reminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.booking.BookingStatus;
import org.scheduleright.reminder.ReminderIntegrationTest;
import org.scheduleright.reminder.booking.persistence.KnownBooking;
import org.scheduleright.reminder.booking.persistence.KnownBookings;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.scheduleright.reminder.reminder.domain.QuietHours;
import org.scheduleright.reminder.reminder.domain.ReminderKind;
import org.scheduleright.reminder.reminder.domain.ReminderSettings;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;
import org.scheduleright.reminder.reminder.persistence.ReminderRow;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.scheduleright.reminder.settings.persistence.OrgReminderSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/** Staff send one SMS by hand through the same quotas and exactly-once dispatch, at most 10 per hour each. */
class ManualSendIntegrationTests extends ReminderIntegrationTest {

    @Autowired
    SmsDispatcher dispatcher;

    @Autowired
    Reminders reminders;

    @Autowired
    KnownBookings bookings;

    @Autowired
    DatabaseClient database;

    @Autowired
    OrgReminderSettings settings;

    /**
     * A staff member of the organisation, whose settings have no quiet hours unless a test sets some, so that a test
     * does not depend on the hour it runs at.
     */
    private String staff(UUID orgId) {
        keepQuiet(orgId, null);
        return jwks.token(UUID.randomUUID().toString(), orgId.toString(), "STAFF");
    }

    private void keepQuiet(UUID orgId, QuietHours quiet) {
        ReminderSettings defaults = ReminderSettings.DEFAULT;
        settings.save(
                        orgId,
                        new ReminderSettings(
                                defaults.enabled(), defaults.leadTimesHours(), defaults.template(), false, quiet),
                        Instant.now())
                .block();
    }

    /** Quiet hours (UTC) from an hour ago to an hour from now, to the minute: the present is inside them. */
    private static QuietHours quietAroundNow(Instant now) {
        LocalTime utc = LocalTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        return new QuietHours(utc.minusHours(1), utc.plusHours(1));
    }

    private static String randomNumber() {
        return "+3366" + ThreadLocalRandom.current().nextInt(1000000, 9999999);
    }

    private WebTestClient.ResponseSpec send(String token, Object body) {
        return http().post()
                .uri("/api/v1/reminders/send")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private UUID acceptedId(WebTestClient.ResponseSpec response) {
        Map<?, ?> body = response.expectStatus()
                .isEqualTo(HttpStatus.ACCEPTED)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(body.get("status")).isEqualTo("scheduled");
        return UUID.fromString((String) body.get("id"));
    }

    private void drain() {
        Mono.defer(dispatcher::dispatchDue)
                .repeat(20)
                .takeUntil(claimed -> claimed == 0)
                .blockLast();
    }

    private KnownBooking booking(UUID orgId, BookingStatus status) {
        Instant now = Instant.now();
        Instant start = now.plus(Duration.ofHours(3));
        KnownBooking booking = new KnownBooking(
                UUID.randomUUID(),
                orgId,
                UUID.randomUUID(),
                status,
                start,
                start.plus(Duration.ofMinutes(30)),
                ZoneId.of("Europe/Paris"),
                null,
                CIPHER.encrypt(client("+33612345678")),
                now,
                UUID.randomUUID());
        bookings.save(booking, now).block();
        return booking;
    }

    @Test
    void sendsAHandWrittenMessageToANumberExactlyOnce() {
        String phone = randomNumber();

        UUID id = acceptedId(send(staff(UUID.randomUUID()), Map.of("phoneNumber", phone, "message", "Doors open 9:00"))
                .expectHeader()
                .valueEquals("X-RateLimit-Limit", "10")
                .expectHeader()
                .valueEquals("X-RateLimit-Remaining", "9")
                .expectHeader()
                .exists("RateLimit-Policy"));
        ReminderRow queued = reminders.find(id).block();
        assertThat(queued.kind()).isEqualTo(ReminderKind.MANUAL);
        assertThat(database.sql("SELECT recipient FROM reminders WHERE id = :id")
                        .bind("id", id.toString())
                        .map(row -> row.get("recipient", String.class))
                        .one()
                        .block())
                .as("the number is stored encrypted")
                .doesNotContain(phone.substring(1));

        drain();
        drain();

        assertThat(reminders.find(id).block().status()).isEqualTo(ReminderStatus.SENT);
        assertThat(sms.messagesOf(id)).singleElement().satisfies(message -> {
            assertThat(message.body()).isEqualTo("Doors open 9:00");
            assertThat(message.to()).isEqualTo(new PhoneNumber(phone));
        });
    }

    @Test
    void remindsOfABookingOfTheCallersOrganisationWithTheOrganisationsTemplate() {
        UUID org = UUID.randomUUID();
        KnownBooking booking = booking(org, BookingStatus.CONFIRMED);

        UUID id = acceptedId(send(staff(org), Map.of("bookingId", booking.bookingId())));
        drain();

        assertThat(reminders.find(id).block())
                .extracting(ReminderRow::status, ReminderRow::bookingId)
                .containsExactly(ReminderStatus.SENT, booking.bookingId());
        assertThat(sms.messagesOf(id))
                .singleElement()
                .satisfies(message ->
                        assertThat(message.body()).contains("Ana Client").contains("reminder"));
    }

    @Test
    void answersNotFoundForABookingOfAnotherOrganisation() {
        KnownBooking booking = booking(UUID.randomUUID(), BookingStatus.CONFIRMED);

        send(staff(UUID.randomUUID()), Map.of("bookingId", booking.bookingId()))
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("RESOURCE_NOT_FOUND");
    }

    @Test
    void refusesToRemindOfACancelledBooking() {
        UUID org = UUID.randomUUID();
        KnownBooking booking = booking(org, BookingStatus.CANCELLED);

        send(staff(org), Map.of("bookingId", booking.bookingId()))
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_STATE_TRANSITION");
    }

    private void expectInvalid(String token, Map<String, ?> body, String field) {
        send(token, body)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_ERROR")
                .jsonPath("$.details[0].field")
                .isEqualTo(field);
    }

    @Test
    void rejectsRequestsThatAreNeitherABookingNorANumberWithAText() {
        String token = staff(UUID.randomUUID());

        expectInvalid(token, Map.of(), "bookingId");
        expectInvalid(
                token,
                Map.of("bookingId", UUID.randomUUID().toString(), "phoneNumber", randomNumber(), "message", "hi"),
                "bookingId");
        expectInvalid(token, Map.of("phoneNumber", "0612345678", "message", "hi"), "phoneNumber");
        expectInvalid(token, Map.of("phoneNumber", randomNumber(), "message", "   "), "message");
        expectInvalid(token, Map.of("phoneNumber", randomNumber(), "message", "x".repeat(321)), "message");
    }

    @Test
    void refusesClients() {
        send(
                        jwks.token(
                                UUID.randomUUID().toString(), UUID.randomUUID().toString(), "CLIENT"),
                        Map.of("phoneNumber", randomNumber(), "message", "hi"))
                .expectStatus()
                .isForbidden();
    }

    @Test
    void allowsTenSendsPerUserPerHourThenAnswers429WithRetryAfter() {
        UUID org = UUID.randomUUID();
        String token = staff(org);
        for (int i = 0; i < 10; i++) {
            acceptedId(send(token, Map.of("phoneNumber", randomNumber(), "message", "hello " + i)));
        }

        send(token, Map.of("phoneNumber", randomNumber(), "message", "one too many"))
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .valueEquals("X-RateLimit-Remaining", "0")
                .expectHeader()
                .value(
                        "Retry-After",
                        retryAfter -> assertThat(Long.parseLong(retryAfter)).isBetween(1L, 3600L))
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("RATE_LIMIT_EXCEEDED");
        acceptedId(send(staff(org), Map.of("phoneNumber", randomNumber(), "message", "another user")));
    }

    /** Issue 17 item 5: inside the site's quiet hours a manual send is refused with the next allowed time. */
    @Test
    void refusesAManualSendInsideQuietHoursWithTheNextAllowedTime() {
        UUID org = UUID.randomUUID();
        String token = staff(org);
        Instant now = Instant.now();
        keepQuiet(org, quietAroundNow(now));
        String phone = randomNumber();

        send(token, Map.of("phoneNumber", phone, "message", "Doors open 9:00", "timezone", "UTC"))
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectHeader()
                .value(
                        "Retry-After",
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(3000L, 3600L))
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("QUIET_HOURS")
                .jsonPath("$.statusCode")
                .isEqualTo(409)
                .jsonPath("$.details[0].field")
                .isEqualTo("nextAllowedAt")
                .jsonPath("$.details[0].message")
                .isEqualTo(now.truncatedTo(ChronoUnit.MINUTES)
                        .plus(Duration.ofHours(1))
                        .toString());
        assertThat(database.sql("SELECT COUNT(*) AS n FROM reminders WHERE phone_hash = :hash")
                        .bind("hash", phoneHasher.hash(new PhoneNumber(phone)))
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block())
                .as("nothing was queued")
                .isZero();
    }

    /** The quiet hours of the booking's site time zone apply to a send about a booking. */
    @Test
    void readsQuietHoursInTheBookingsTimeZone() {
        UUID org = UUID.randomUUID();
        KnownBooking booking = booking(org, BookingStatus.CONFIRMED);
        String token = staff(org);
        Instant now = Instant.now();
        LocalTime paris = LocalTime.ofInstant(now, ZoneId.of("Europe/Paris")).truncatedTo(ChronoUnit.MINUTES);
        keepQuiet(org, new QuietHours(paris.minusHours(1), paris.plusHours(1)));

        send(token, Map.of("bookingId", booking.bookingId()))
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("QUIET_HOURS");
    }

    @Test
    void refusesAQuietHoursOverrideByStaff() {
        UUID org = UUID.randomUUID();
        String token = staff(org);
        keepQuiet(org, quietAroundNow(Instant.now()));

        send(
                        token,
                        Map.of(
                                "phoneNumber",
                                randomNumber(),
                                "message",
                                "urgent",
                                "timezone",
                                "UTC",
                                "overrideQuietHours",
                                true))
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INSUFFICIENT_PERMISSIONS");
    }

    /** Issue 17 item 5: an ADMIN may explicitly send inside quiet hours. */
    @Test
    void letsAnAdminOverrideQuietHoursExplicitly() {
        UUID org = UUID.randomUUID();
        keepQuiet(org, quietAroundNow(Instant.now()));
        String admin = jwks.token(UUID.randomUUID().toString(), org.toString(), "ADMIN");
        String phone = randomNumber();

        send(admin, Map.of("phoneNumber", phone, "message", "The clinic is closed tomorrow", "timezone", "UTC"))
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT);
        UUID id = acceptedId(send(
                admin,
                Map.of(
                        "phoneNumber",
                        phone,
                        "message",
                        "The clinic is closed tomorrow",
                        "timezone",
                        "UTC",
                        "overrideQuietHours",
                        true)));
        drain();

        assertThat(reminders.find(id).block().status()).isEqualTo(ReminderStatus.SENT);
    }

    @Test
    void rejectsAnUnknownTimeZone() {
        expectInvalid(
                staff(UUID.randomUUID()),
                Map.of("phoneNumber", randomNumber(), "message", "hi", "timezone", "Mars/Olympus"),
                "timezone");
    }
}
