package org.scheduleright.booking.booking.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scheduleright.booking.BookingIntegrationTest;

/** Public booking works without a token and shows only what a member of the public may see. */
class PublicBookingIntegrationTests extends BookingIntegrationTest {

    @Test
    void showsASitesPublicInfoWithoutAToken() {
        String org = newOrganisation("Europe/Berlin");
        String site = newSite(org);
        Map<String, Object> info = http().get()
                .uri("/api/public/sites/{site}/info", site)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();

        assertThat(info)
                .containsEntry("id", site)
                .containsEntry("timezone", "Europe/Berlin")
                .containsKeys("name", "address", "organisationName")
                .doesNotContainKeys("orgId", "createdAt");
        http().get()
                .uri("/api/public/sites/{site}/info", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void listsOnlyFutureSlotsWithSeatsLeftShowingTimesAndSeats() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        Instant start = future();
        String full = newSlot(org, site, start, 1);
        String open = newSlot(org, site, start.plusSeconds(3600), 4);
        book(org, site, full);

        Map<String, Object> page = http().get()
                .uri(uri -> uri.path("/api/public/sites/{site}/availability")
                        .queryParam("from", start.minusSeconds(60).toString())
                        .queryParam("to", start.plusSeconds(7200).toString())
                        .build(site))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();

        assertThat(page).containsEntry("total", 1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> slots = (List<Map<String, Object>>) page.get("data");
        assertThat(slots.get(0))
                .containsEntry("id", open)
                .containsEntry("remaining", 4)
                .containsOnlyKeys("id", "startTime", "endTime", "remaining");
    }

    @Test
    void booksWithoutATokenAndAnswersOnlyTheBookingsReference() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 2);
        Map<String, Object> body = new HashMap<>(bookingBody(slot));
        body.put("siteId", site);

        Map<String, Object> booking = http().post()
                .uri("/api/public/bookings")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();

        assertThat(booking)
                .containsEntry("status", "pending")
                .containsEntry("slotId", slot)
                .doesNotContainKeys("orgId", "staffNotes", "clientEmail", "clientPhone");
        http().get()
                .uri("/api/v1/bookings/{id}", booking.get("id"))
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.clientEmail")
                .isEqualTo("ada@example.org");
    }

    @Test
    void rejectsAnInvalidPublicBookingWithDetails() {
        http().post()
                .uri("/api/public/bookings")
                .bodyValue(Map.of("siteId", UUID.randomUUID().toString(), "clientName", "A"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.details[*].field")
                .value(fields -> assertThat((List<Object>) fields).contains("slotId", "clientName"));
    }

    @Test
    void booksWithAPhoneAndNoEmail() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 2);
        Map<String, Object> body = new HashMap<>(bookingBody(slot));
        body.put("siteId", site);
        body.remove("clientEmail");

        Map<String, Object> booking = http().post()
                .uri("/api/public/bookings")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();

        http().get()
                .uri("/api/v1/bookings/{id}", booking.get("id"))
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.clientPhone")
                .isEqualTo("+447700900123")
                .jsonPath("$.clientEmail")
                .doesNotHaveJsonPath();
    }

    @Test
    void refusesAPublicBookingWithNeitherPhoneNorEmail() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 2);
        Map<String, Object> body = new HashMap<>(bookingBody(slot));
        body.put("siteId", site);
        body.remove("clientPhone");
        body.put("clientEmail", "");

        http().post()
                .uri("/api/public/bookings")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_ERROR")
                .jsonPath("$.details[*].field")
                .value(fields -> assertThat((List<Object>) fields).containsExactly("clientPhone", "clientEmail"));
    }
}
