package org.scheduleright.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scheduleright.events.booking.BookingCreated;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/** The reminder API: settings per organisation and the reminders of a booking, for staff of that organisation. */
class ReminderApiIntegrationTests extends ReminderIntegrationTest {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {};

    private String staffOf(UUID orgId) {
        return jwks.token(UUID.randomUUID().toString(), orgId.toString(), "STAFF");
    }

    @Test
    void returnsTheDefaultSettingsToAnOrganisationThatNeverSavedAny() {
        http().get()
                .uri("/api/v1/reminders/settings")
                .headers(h -> h.setBearerAuth(staffOf(UUID.randomUUID())))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.enabled")
                .isEqualTo(true)
                .jsonPath("$.leadTimesHours[0]")
                .isEqualTo(24)
                .jsonPath("$.leadTimesHours[1]")
                .isEqualTo(2)
                .jsonPath("$.quietHoursStart")
                .isEqualTo("21:00");
    }

    @Test
    void savedSettingsDecideTheRemindersOfLaterBookings() throws Exception {
        Instant start = Instant.now()
                .plus(Duration.ofDays(3))
                .truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofHours(12));
        BookingCreated created = created(start, Instant.now(), "+33612345678");
        String token = staffOf(created.orgId());
        http().put()
                .uri("/api/v1/reminders/settings")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "enabled",
                        true,
                        "leadTimesHours",
                        List.of(48),
                        "template",
                        "{{name}}: {{date}} {{time}} at {{site}}",
                        "sendCancellationNotice",
                        false))
                .exchange()
                .expectStatus()
                .isOk();

        publish(created);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> reminders = http().get()
                    .uri("/api/v1/bookings/{id}/reminders", created.bookingId())
                    .headers(h -> h.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(LIST)
                    .returnResult()
                    .getResponseBody();
            assertThat(reminders).singleElement().satisfies(reminder -> {
                assertThat(reminder)
                        .containsEntry("leadTimeHours", 48)
                        .containsEntry("status", "scheduled")
                        .containsEntry("timezone", "Europe/Paris");
                assertThat(Instant.parse((String) reminder.get("plannedAt")))
                        .isEqualTo(start.minus(Duration.ofHours(48)));
                assertThat(java.time.OffsetDateTime.parse((String) reminder.get("plannedAtLocal")))
                        .isEqualTo(start.minus(Duration.ofHours(48))
                                .atZone(java.time.ZoneId.of("Europe/Paris"))
                                .toOffsetDateTime());
            });
        });
    }

    @Test
    void keepsRepliesSwitchedOnWithAReplyHintInTheTemplate() {
        String token = staffOf(UUID.randomUUID());
        http().put()
                .uri("/api/v1/reminders/settings")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "enabled",
                        true,
                        "leadTimesHours",
                        List.of(24),
                        "template",
                        "{{name}}: {{time}} at {{site}}. {{replyHint}}",
                        "repliesEnabled",
                        true))
                .exchange()
                .expectStatus()
                .isOk();

        http().get()
                .uri("/api/v1/reminders/settings")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.repliesEnabled")
                .isEqualTo(true)
                .jsonPath("$.template")
                .isEqualTo("{{name}}: {{time}} at {{site}}. {{replyHint}}");
    }

    @Test
    void repliesAreOffUnlessSwitchedOn() {
        http().get()
                .uri("/api/v1/reminders/settings")
                .headers(h -> h.setBearerAuth(staffOf(UUID.randomUUID())))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.repliesEnabled")
                .isEqualTo(false);
    }

    @Test
    void rejectsATemplateWithAnUnknownPlaceholder() {
        http().put()
                .uri("/api/v1/reminders/settings")
                .headers(h -> h.setBearerAuth(staffOf(UUID.randomUUID())))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("enabled", true, "leadTimesHours", List.of(24), "template", "Hi {{email}}"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_ERROR")
                .jsonPath("$.details[0].field")
                .isEqualTo("template");
    }

    @Test
    void hidesTheRemindersOfAnotherOrganisationsBooking() throws Exception {
        BookingCreated created = created(Instant.now().plus(Duration.ofDays(3)), Instant.now(), "+33612345678");
        publish(created);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> http().get()
                        .uri("/api/v1/bookings/{id}/reminders", created.bookingId())
                        .headers(h -> h.setBearerAuth(staffOf(created.orgId())))
                        .exchange()
                        .expectStatus()
                        .isOk());

        http().get()
                .uri("/api/v1/bookings/{id}/reminders", created.bookingId())
                .headers(h -> h.setBearerAuth(staffOf(UUID.randomUUID())))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void refusesClientsAndVolunteers() {
        http().get()
                .uri("/api/v1/reminders/settings")
                .headers(h -> h.setBearerAuth(jwks.token(
                        UUID.randomUUID().toString(), UUID.randomUUID().toString(), "VOLUNTEER")))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    /** Found by the hostile-input story: a blank booking id used to reach the repository as null and answer 500. */
    @ParameterizedTest
    @ValueSource(strings = {"%20", "not-a-uuid", "%00"})
    void answersAMalformedBookingIdWithA404(String id) {
        http().get()
                .uri(java.net.URI.create("http://localhost:" + port + "/api/v1/bookings/" + id + "/reminders"))
                .headers(h -> h.setBearerAuth(staffOf(UUID.randomUUID())))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("RESOURCE_NOT_FOUND");
    }

    /** Issue 14 item 8: a platform ADMIN without an organisation has no "own organisation" to read or change. */
    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT"})
    void refusesTheSettingsOfAnAdminWithoutAnOrganisationWithA403(String method) {
        String adminWithoutOrg = jwks.token(UUID.randomUUID().toString(), null, "ADMIN");
        http().method(org.springframework.http.HttpMethod.valueOf(method))
                .uri("/api/v1/reminders/settings")
                .headers(h -> h.setBearerAuth(adminWithoutOrg))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("enabled", true, "leadTimesHours", List.of(24), "template", "Hi {{name}}"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INSUFFICIENT_PERMISSIONS")
                .jsonPath("$.statusCode")
                .isEqualTo(403);
    }

    @Test
    void refusesAManualSendOfAnAdminWithoutAnOrganisationWithA403() {
        http().post()
                .uri("/api/v1/reminders/send")
                .headers(h -> h.setBearerAuth(jwks.token(UUID.randomUUID().toString(), null, "ADMIN")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("phoneNumber", "+33612345678", "message", "Hello"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INSUFFICIENT_PERMISSIONS");
    }
}
