package org.scheduleright.booking.booking.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.scheduleright.booking.BookingIntegrationTest;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** Capacity is never exceeded, whatever the concurrency, against the real database. */
class CapacityIntegrationTests extends BookingIntegrationTest {

    private static final int CLIENTS = 60;

    @Test
    void sixtyConcurrentBookingsOfACapacityThreeSlotGiveExactlyThreeSeats() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 3);
        String staff = token(org, "STAFF");
        WebClient client = WebClient.create(baseUrl());

        List<Answer> answers = Flux.range(0, CLIENTS)
                .flatMap(
                        i -> client.post()
                                .uri("/api/v1/sites/{site}/bookings", site)
                                .headers(h -> h.setBearerAuth(staff))
                                .bodyValue(bookingBody(slot))
                                .exchangeToMono(response -> response.bodyToMono(JSON_OBJECT)
                                        .map(body ->
                                                new Answer(response.statusCode().value(), body))),
                        CLIENTS)
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(answers).hasSize(CLIENTS);
        Map<Integer, Long> byStatus =
                answers.stream().collect(Collectors.groupingBy(Answer::status, Collectors.counting()));
        assertThat(byStatus)
                .containsEntry(201, 3L)
                .containsEntry(409, (long) CLIENTS - 3)
                .hasSize(2);
        assertThat(answers.stream().filter(answer -> answer.status() == 409))
                .allSatisfy(answer -> assertThat(answer.body()).containsEntry("code", "SLOT_UNAVAILABLE"));

        Map<String, Object> listed = http().get()
                .uri("/api/v1/sites/{site}/availability", site)
                .headers(h -> h.setBearerAuth(staff))
                .exchange()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(listed).isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = ((List<Map<String, Object>>) listed.get("data")).get(0);
        assertThat(stored).containsEntry("booked", 3).containsEntry("remaining", 0);
        http().get()
                .uri("/api/v1/sites/{site}/bookings", site)
                .headers(h -> h.setBearerAuth(staff))
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(3);
    }

    @Test
    void aSlotDeletedAfterItWasBookedAnswers404AndAFullOne409() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String staff = token(org, "STAFF");
        String full = newSlot(org, site, future(), 1);
        book(org, site, full);
        bookingAnswers(site, staff, full, 409, "SLOT_UNAVAILABLE");
        String deleted = newSlot(org, site, future().plusSeconds(3600), 2);
        Object booking = book(org, site, deleted).get("id");
        http().put()
                .uri("/api/v1/bookings/{id}/cancel", booking)
                .headers(h -> h.setBearerAuth(staff))
                .exchange()
                .expectStatus()
                .isOk();
        http().delete()
                .uri("/api/v1/sites/{site}/availability/{slot}", site, deleted)
                .headers(h -> h.setBearerAuth(staff))
                .exchange()
                .expectStatus()
                .isNoContent();

        bookingAnswers(site, staff, deleted, 404, "RESOURCE_NOT_FOUND");
        bookingAnswers(site, staff, deleted, 404, "RESOURCE_NOT_FOUND");
    }

    private void bookingAnswers(String site, String staff, String slot, int status, String code) {
        http().post()
                .uri("/api/v1/sites/{site}/bookings", site)
                .headers(h -> h.setBearerAuth(staff))
                .bodyValue(bookingBody(slot))
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }

    record Answer(int status, Map<String, Object> body) {}
}
