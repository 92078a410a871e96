package org.scheduleright.booking.booking.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scheduleright.booking.BookingIntegrationTest;

/** Bookings through their lifecycle: allowed transitions only, seats freed and moved, tenancy and validation. */
class BookingLifecycleIntegrationTests extends BookingIntegrationTest {

    @Test
    void createsAPendingBookingThatStaffConfirmAndComplete() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 2);

        Map<String, Object> booking = book(org, site, slot);
        assertThat(booking)
                .containsEntry("status", "pending")
                .containsEntry("orgId", org)
                .containsEntry("siteId", site)
                .containsEntry("slotId", slot)
                .containsEntry("clientName", "Ada Lovelace")
                .containsEntry("timezone", "Europe/London");
        String id = (String) booking.get("id");

        transition(org, id, "confirm").isOk().expectBody().jsonPath("$.status").isEqualTo("confirmed");
        transition(org, id, "complete").isOk().expectBody().jsonPath("$.status").isEqualTo("completed");
        transition(org, id, "cancel")
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_STATE_TRANSITION");
        http().get()
                .uri("/api/v1/bookings/{id}", id)
                .headers(h -> h.setBearerAuth(token(org, "VOLUNTEER")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("completed");
    }

    @Test
    void refusesIllegalTransitionsAndChangesNothing() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 2);
        String id = (String) book(org, site, slot).get("id");

        transition(org, id, "complete").isEqualTo(409);
        transition(org, id, "no-show").isEqualTo(409);
        transition(org, id, "cancel").isOk().expectBody().jsonPath("$.status").isEqualTo("cancelled");
        transition(org, id, "confirm")
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("Cannot confirm a booking that is cancelled");
        http().get()
                .uri("/api/v1/bookings/{id}", id)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .exchange()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("cancelled");
    }

    @Test
    void cancellingFreesTheSeat() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 1);
        String id = (String) book(org, site, slot).get("id");
        http().post()
                .uri("/api/v1/sites/{site}/bookings", site)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .bodyValue(bookingBody(slot))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("SLOT_UNAVAILABLE");

        http().put()
                .uri("/api/v1/bookings/{id}/cancel", id)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .bodyValue(Map.of("reason", "client called"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.cancelReason")
                .isEqualTo("client called");

        book(org, site, slot);
    }

    @Test
    void reschedulingMovesTheSeatOrChangesNothing() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String first = newSlot(org, site, future(), 1);
        String second = newSlot(org, site, future(), 1);
        String full = newSlot(org, site, future(), 1);
        book(org, site, full);
        String id = (String) book(org, site, first).get("id");

        reschedule(org, id, second)
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_STATE_TRANSITION");
        transition(org, id, "confirm").isOk();
        reschedule(org, id, full).isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("SLOT_UNAVAILABLE");
        reschedule(org, id, second)
                .isOk()
                .expectBody()
                .jsonPath("$.slotId")
                .isEqualTo(second)
                .jsonPath("$.status")
                .isEqualTo("confirmed");

        assertThat(remaining(org, site, first)).isEqualTo(1);
        assertThat(remaining(org, site, second)).isZero();
        assertThat(remaining(org, site, full)).isZero();
    }

    @Test
    void aClientBooksForThemselfAndFindsTheBookingUnderMe() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 3);
        String client = "client-" + UUID.randomUUID();
        String clientToken = jwks.token(client, org, "CLIENT");

        Map<String, Object> booking = http().post()
                .uri("/api/v1/sites/{site}/bookings", site)
                .headers(h -> h.setBearerAuth(clientToken))
                .bodyValue(bookingBody(slot))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(booking).isNotNull();
        String id = (String) booking.get("id");

        http().get()
                .uri("/api/v1/bookings/me")
                .headers(h -> h.setBearerAuth(clientToken))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.data[0].id")
                .isEqualTo(id);
        http().get()
                .uri("/api/v1/bookings/{id}", id)
                .headers(h -> h.setBearerAuth(jwks.token("someone-else", org, "CLIENT")))
                .exchange()
                .expectStatus()
                .isNotFound();
        http().put()
                .uri("/api/v1/bookings/{id}/confirm", id)
                .headers(h -> h.setBearerAuth(clientToken))
                .exchange()
                .expectStatus()
                .isForbidden();
        http().put()
                .uri("/api/v1/bookings/{id}/cancel", id)
                .headers(h -> h.setBearerAuth(clientToken))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("cancelled");
    }

    @Test
    void anotherOrganisationsBookingAnswersNotFoundExactlyLikeAMissingOne() {
        String org = newOrganisation("Europe/London");
        String other = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 2);
        String id = (String) book(org, site, slot).get("id");

        for (String path : List.of(id, UUID.randomUUID().toString())) {
            http().get()
                    .uri("/api/v1/bookings/{id}", path)
                    .headers(h -> h.setBearerAuth(token(other, "STAFF")))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("RESOURCE_NOT_FOUND")
                    .jsonPath("$.error")
                    .isEqualTo("Booking not found");
            transition(other, path, "confirm").isNotFound();
        }
        http().post()
                .uri("/api/v1/sites/{site}/bookings", site)
                .headers(h -> h.setBearerAuth(token(other, "STAFF")))
                .bodyValue(bookingBody(slot))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void rejectsAnInvalidBookingWithADetailPerField() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 2);
        Map<String, Object> body = new HashMap<>(bookingBody(slot));
        body.put("clientPhone", "07700 900123");
        body.put("clientEmail", "not-an-email");
        body.put("notes", "x".repeat(501));

        http().post()
                .uri("/api/v1/sites/{site}/bookings", site)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_ERROR")
                .jsonPath("$.details[*].field")
                .value(fields -> assertThat((List<Object>) fields).contains("clientPhone", "clientEmail", "notes"))
                .jsonPath("$.error")
                .value(message -> assertThat((String) message).doesNotContain("07700"));
    }

    @Test
    void staffBookAClientWithAPhoneAndNoEmail() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 2);
        Map<String, Object> body = new HashMap<>(bookingBody(slot));
        body.remove("clientEmail");

        http().post()
                .uri("/api/v1/sites/{site}/bookings", site)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.clientPhone")
                .isEqualTo("+447700900123")
                .jsonPath("$.clientEmail")
                .doesNotHaveJsonPath();
    }

    @Test
    void refusesAStaffBookingWithNeitherPhoneNorEmail() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 2);
        Map<String, Object> body = new HashMap<>(bookingBody(slot));
        body.remove("clientEmail");
        body.remove("clientPhone");

        http().post()
                .uri("/api/v1/sites/{site}/bookings", site)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
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

    @Test
    void listsASitesBookingsByStatusAndPage() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 5);
        String first = (String) book(org, site, slot).get("id");
        book(org, site, slot);
        book(org, site, slot);
        transition(org, first, "confirm").isOk();

        http().get()
                .uri("/api/v1/sites/{site}/bookings?status=pending&size=1&page=2", site)
                .headers(h -> h.setBearerAuth(token(org, "VOLUNTEER")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(2)
                .jsonPath("$.data.length()")
                .isEqualTo(1)
                .jsonPath("$.data[0].status")
                .isEqualTo("pending");
        http().get()
                .uri("/api/v1/sites/{site}/bookings?status=confirmed", site)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .exchange()
                .expectBody()
                .jsonPath("$.data[0].id")
                .isEqualTo(first);
        http().get()
                .uri("/api/v1/sites/{site}/bookings", site)
                .headers(h -> h.setBearerAuth(token(org, "CLIENT")))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void staffWriteNotesInAnyStatus() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 2);
        String id = (String) book(org, site, slot).get("id");
        http().put()
                .uri("/api/v1/bookings/{id}/notes", id)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .bodyValue(Map.of("staffNotes", "needs wheelchair access"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.staffNotes")
                .isEqualTo("needs wheelchair access")
                .jsonPath("$.status")
                .isEqualTo("pending");
    }

    private org.springframework.test.web.reactive.server.StatusAssertions transition(
            String org, String id, String action) {
        return http().put()
                .uri("/api/v1/bookings/{id}/{action}", id, action)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .exchange()
                .expectStatus();
    }

    private org.springframework.test.web.reactive.server.StatusAssertions reschedule(
            String org, String id, String slot) {
        return http().put()
                .uri("/api/v1/bookings/{id}/reschedule", id)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .bodyValue(Map.of("slotId", slot))
                .exchange()
                .expectStatus();
    }

    private int remaining(String org, String site, String slot) {
        Map<String, Object> page = http().get()
                .uri("/api/v1/sites/{site}/availability?size=500", site)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .exchange()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(page).isNotNull();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> slots = (List<Map<String, Object>>) page.get("data");
        return slots.stream()
                .filter(found -> slot.equals(found.get("id")))
                .map(found -> ((Number) found.get("remaining")).intValue())
                .findFirst()
                .orElseThrow();
    }
}
