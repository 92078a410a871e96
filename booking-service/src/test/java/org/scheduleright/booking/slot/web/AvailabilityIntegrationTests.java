package org.scheduleright.booking.slot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scheduleright.booking.BookingIntegrationTest;

/** Availability: weekly rules materialised in the site's zone, listing with filters and paging, withdrawal. */
class AvailabilityIntegrationTests extends BookingIntegrationTest {

    @Test
    void weeklyRuleKeepsLocalTimeAcrossBothNewYorkChangesOf2027() {
        String org = newOrganisation("America/New_York");
        String site = newSite(org);

        List<String> starts = weekly(org, site, "2027-03-08", "2027-03-15");
        assertThat(starts).containsExactly("2027-03-08T14:00:00Z", "2027-03-15T13:00:00Z");

        List<String> autumn = weekly(org, site, "2027-11-01", "2027-11-08");
        assertThat(autumn).containsExactly("2027-11-01T13:00:00Z", "2027-11-08T14:00:00Z");
    }

    @Test
    void weeklyRuleInAZoneWithoutDaylightSavingKeepsItsOffset() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org, "Asia/Kolkata");

        List<String> starts = weekly(org, site, "2027-03-08", "2027-03-15");

        assertThat(starts).containsExactly("2027-03-08T03:30:00Z", "2027-03-15T03:30:00Z");
    }

    @Test
    void rejectsARuleOfMoreThanFiveThousandSlotsAndInvalidFields() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        http().post()
                .uri("/api/v1/sites/{site}/availability", site)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .bodyValue(Map.of(
                        "recurrence", "weekly",
                        "daysOfWeek", List.of(1, 2, 3, 4, 5, 6, 7),
                        "startTime", "00:00",
                        "endTime", "23:00",
                        "durationMinutes", 5,
                        "capacity", 1,
                        "from", "2027-01-01",
                        "until", "2027-12-31"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_ERROR")
                .jsonPath("$.details[0].field")
                .isEqualTo("until");
        http().post()
                .uri("/api/v1/sites/{site}/availability", site)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .bodyValue(Map.of("startTime", "tomorrow", "endTime", "2027-01-01T10:00:00Z", "capacity", 0))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.details[*].field")
                .value(fields -> assertThat((List<Object>) fields).contains("capacity", "startTime"));
    }

    @Test
    void listsByTimeRangeRemainingSeatsAndPage() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        Instant start = future();
        String full = newSlot(org, site, start, 1);
        newSlot(org, site, start.plusSeconds(3600), 2);
        newSlot(org, site, start.plusSeconds(7200), 2);
        book(org, site, full);

        http().get()
                .uri(uri -> uri.path("/api/v1/sites/{site}/availability")
                        .queryParam("from", start.toString())
                        .queryParam("to", start.plusSeconds(7200).toString())
                        .build(site))
                .headers(h -> h.setBearerAuth(token(org, "VOLUNTEER")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(2)
                .jsonPath("$.data[0].remaining")
                .isEqualTo(0)
                .jsonPath("$.data[0].booked")
                .isEqualTo(1);
        http().get()
                .uri("/api/v1/sites/{site}/availability/available?size=1&page=2", site)
                .headers(h -> h.setBearerAuth(token(org, "CLIENT")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(2)
                .jsonPath("$.data.length()")
                .isEqualTo(1)
                .jsonPath("$.data[0].startTime")
                .isEqualTo(start.plusSeconds(7200).toString());
        http().get()
                .uri("/api/v1/sites/{site}/availability?minRemaining=1", site)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(2);
    }

    @Test
    void withdrawsAFreeSlotButNotOneWithActiveBookings() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String booked = newSlot(org, site, future(), 2);
        String free = newSlot(org, site, future(), 2);
        book(org, site, booked);

        http().delete()
                .uri("/api/v1/sites/{site}/availability/{slot}", site, booked)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        http().delete()
                .uri("/api/v1/sites/{site}/availability/{slot}", site, free)
                .headers(h -> h.setBearerAuth(token(org, "VOLUNTEER")))
                .exchange()
                .expectStatus()
                .isForbidden();
        http().delete()
                .uri("/api/v1/sites/{site}/availability/{slot}", site, free)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .exchange()
                .expectStatus()
                .isNoContent();
        http().get()
                .uri("/api/v1/sites/{site}/availability", site)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.data[0].id")
                .isEqualTo(booked);
    }

    @Test
    void anotherOrganisationsSiteAnswersNotFound() {
        String org = newOrganisation("Europe/London");
        String other = newOrganisation("Europe/London");
        String site = newSite(org);
        http().get()
                .uri("/api/v1/sites/{site}/availability", site)
                .headers(h -> h.setBearerAuth(token(other, "STAFF")))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("RESOURCE_NOT_FOUND");
    }

    private List<String> weekly(String org, String site, String from, String until) {
        Map<String, Object> created = http().post()
                .uri("/api/v1/sites/{site}/availability", site)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .bodyValue(Map.of(
                        "recurrence",
                        "weekly",
                        "daysOfWeek",
                        List.of(1),
                        "startTime",
                        "09:00",
                        "endTime",
                        "10:00",
                        "durationMinutes",
                        60,
                        "capacity",
                        4,
                        "from",
                        from,
                        "until",
                        until))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(created).isNotNull();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> slots = (List<Map<String, Object>>) created.get("data");
        assertThat(created.get("total")).isEqualTo(slots.size());
        return slots.stream().map(slot -> (String) slot.get("startTime")).toList();
    }
}
