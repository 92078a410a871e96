package org.scheduleright.booking.booking.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scheduleright.booking.BookingIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** A retried booking request with the same Idempotency-Key never creates a second booking, even when retries race. */
class IdempotencyIntegrationTests extends BookingIntegrationTest {

    private static final int RETRIES = 20;

    @Autowired
    DatabaseClient db;

    @Test
    void racingRetriesOfOneRequestCreateOneBooking() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 50);
        String staff = token(org, "STAFF");
        String key = UUID.randomUUID().toString();
        WebClient client = WebClient.create(baseUrl());

        List<Answer> answers = Flux.range(0, RETRIES)
                .flatMap(
                        i -> client.post()
                                .uri("/api/v1/sites/{site}/bookings", site)
                                .headers(h -> h.setBearerAuth(staff))
                                .header("Idempotency-Key", key)
                                .bodyValue(bookingBody(slot))
                                .exchangeToMono(response -> response.bodyToMono(JSON_OBJECT)
                                        .map(body ->
                                                new Answer(response.statusCode().value(), body))),
                        RETRIES)
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(answers).hasSize(RETRIES);
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isIn(200, 201));
        assertThat(answers.stream().filter(answer -> answer.status() == 201)).hasSize(1);
        assertThat(answers.stream().map(answer -> answer.body().get("id")).distinct())
                .hasSize(1);
        http().get()
                .uri("/api/v1/sites/{site}/bookings", site)
                .headers(h -> h.setBearerAuth(staff))
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1);
        http().get()
                .uri("/api/v1/sites/{site}/availability", site)
                .headers(h -> h.setBearerAuth(staff))
                .exchange()
                .expectBody()
                .jsonPath("$.data[0].booked")
                .isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsAConflict() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 5);
        String staff = token(org, "STAFF");
        String key = UUID.randomUUID().toString();
        http().post()
                .uri("/api/v1/sites/{site}/bookings", site)
                .headers(h -> h.setBearerAuth(staff))
                .header("Idempotency-Key", key)
                .bodyValue(bookingBody(slot))
                .exchange()
                .expectStatus()
                .isCreated();
        Map<String, Object> other = new HashMap<>(bookingBody(slot));
        other.put("clientName", "Grace Hopper");

        http().post()
                .uri("/api/v1/sites/{site}/bookings", site)
                .headers(h -> h.setBearerAuth(staff))
                .header("Idempotency-Key", key)
                .bodyValue(other)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("DUPLICATE_RESOURCE");
        http().get()
                .uri("/api/v1/sites/{site}/bookings", site)
                .headers(h -> h.setBearerAuth(staff))
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1);
    }

    @Test
    void aKeyOlderThanTheRetentionIsForgottenAndBooksAfresh() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 5);
        String staff = token(org, "STAFF");
        String key = UUID.randomUUID().toString();
        String first = bookWithKey(site, staff, key, bookingBody(slot), 201);
        db.sql("UPDATE idempotency_keys SET created_at = created_at - INTERVAL 25 HOUR WHERE idempotency_key = :key")
                .bind("key", key)
                .fetch()
                .rowsUpdated()
                .block();
        Map<String, Object> other = new HashMap<>(bookingBody(slot));
        other.put("clientName", "Grace Hopper");

        String second = bookWithKey(site, staff, key, other, 201);
        String replayed = bookWithKey(site, staff, key, other, 200);

        assertThat(second).isNotEqualTo(first);
        assertThat(replayed).isEqualTo(second);
        bookWithKey(site, staff, key, bookingBody(slot), 409);
    }

    private String bookWithKey(String site, String staff, String key, Map<String, Object> body, int status) {
        return String.valueOf(keyed("/api/v1/sites/" + site + "/bookings", staff, key, body, status)
                .get("id"));
    }

    @Test
    void publicRetriesReturnTheSameBooking() {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 5);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = new HashMap<>(bookingBody(slot));
        body.put("siteId", site);

        Map<String, Object> first = publicBooking(key, body, 201);
        Map<String, Object> retry = publicBooking(key, body, 200);

        assertThat(retry.get("id")).isEqualTo(first.get("id"));
    }

    private Map<String, Object> publicBooking(String key, Map<String, Object> body, int status) {
        return keyed("/api/public/bookings", null, key, body, status);
    }

    /** Posts {@code body} with an Idempotency-Key (and a bearer token unless null) and expects {@code status}. */
    private Map<String, Object> keyed(String path, String bearer, String key, Map<String, Object> body, int status) {
        Map<String, Object> answer = http().post()
                .uri(path)
                .headers(h -> {
                    if (bearer != null) {
                        h.setBearerAuth(bearer);
                    }
                })
                .header("Idempotency-Key", key)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(answer).isNotNull();
        return answer;
    }

    record Answer(int status, Map<String, Object> body) {}
}
