package org.scheduleright.reminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.booking.BookingStatus;
import org.scheduleright.reminder.ReminderIntegrationTest;
import org.scheduleright.reminder.booking.persistence.KnownBooking;
import org.scheduleright.reminder.booking.persistence.KnownBookings;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.scheduleright.reminder.reminder.domain.ReminderKind;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;
import org.scheduleright.reminder.reminder.persistence.ReminderRow;
import org.scheduleright.reminder.reminder.persistence.Reminders;
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

    private static String staff(UUID orgId) {
        return jwks.token(UUID.randomUUID().toString(), orgId.toString(), "STAFF");
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
}
