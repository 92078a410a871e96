package org.scheduleright.booking.booking.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scheduleright.booking.BookingIntegrationTest;

/**
 * Issue 14 item 4: the public and the staff booking routes refuse a name outside the safe character set with 400
 * {@code VALIDATION_ERROR} on {@code clientName}, book nothing and never echo the name.
 */
class ClientNameValidationIntegrationTests extends BookingIntegrationTest {

    static Stream<Arguments> hostileNamesOnBothRoutes() {
        List<String> names = List.of(
                "Call 0800 123 456 now",
                "visit evil.example",
                "https://evil.example/pay",
                "Ana\u0007Client",
                "Ana\u202EtneilC",
                "ana@example.org");
        return Stream.of(true, false).flatMap(isPublic -> names.stream().map(name -> Arguments.of(isPublic, name)));
    }

    @ParameterizedTest(name = "public={0} name={1}")
    @MethodSource("hostileNamesOnBothRoutes")
    void refusesAnUnsafeNameAndBooksNothing(boolean isPublic, String name) {
        String org = newOrganisation("Europe/London");
        String site = newSite(org);
        String slot = newSlot(org, site, future(), 3);
        Map<String, Object> body = new HashMap<>(bookingBody(slot));
        body.put("clientName", name);
        var request = isPublic
                ? http().post().uri("/api/public/bookings")
                : http().post()
                        .uri("/api/v1/sites/{site}/bookings", site)
                        .headers(h -> h.setBearerAuth(token(org, "STAFF")));
        if (isPublic) {
            body.put("siteId", site);
        }

        byte[] answer = request.bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_ERROR")
                .jsonPath("$.statusCode")
                .isEqualTo(400)
                .jsonPath("$.details[0].field")
                .isEqualTo("clientName")
                .returnResult()
                .getResponseBodyContent();

        assertThat(new String(answer, StandardCharsets.UTF_8)).doesNotContain(name);
        Map<String, Object> bookings = http().get()
                .uri("/api/v1/sites/{site}/bookings", site)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(bookings).containsEntry("total", 0);
    }
}
