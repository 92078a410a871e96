package org.scheduleright.gateway.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.scheduleright.gateway.GatewayIntegrationTest;
import org.springframework.http.MediaType;

/**
 * The gateway serves the booking page at {@code /book/{siteId}} and its assets, with the security headers, a rate
 * limit and a Content-Security-Policy that allows only the page's own files; nothing else from the classpath.
 */
class BookingPageIntegrationTests extends GatewayIntegrationTest {

    private static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]*)\"");

    @Test
    void servesThePageForASiteWithItsOwnPolicyAndTheOtherSecurityHeaders() {
        String html = client.get()
                .uri("/book/{site}", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader()
                .valueEquals("Content-Security-Policy", PAGE_POLICY)
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY")
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(html).contains("<script src=\"/assets/booking/book.js\" defer></script>");
        assertThat(html)
                .as("no inline script or style")
                .doesNotContain("<script>", "<style", "style=")
                .doesNotContainPattern(" on[a-z]+=");
    }

    @Test
    void thePageCountsAgainstTheStandardLimitPerClientAddress() {
        String page = "/book/" + UUID.randomUUID();
        client.get().uri(page).exchange().expectStatus().isOk();

        client.get()
                .uri(page)
                .exchange()
                .expectHeader()
                .valueMatches("RateLimit-Policy", "\"standard\";q=\\d+;w=900")
                .expectHeader()
                .valueMatches("RateLimit", "\"standard\";r=\\d+;t=\\d+");
    }

    @Test
    void everyFileThePageReferencesIsItsOwnAsset() {
        String html = client.get()
                .uri("/book/{site}", UUID.randomUUID())
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        Matcher references = REFERENCE.matcher(html);
        List<String> found = references.results().map(match -> match.group(1)).toList();

        assertThat(found)
                .isNotEmpty()
                .allSatisfy(reference -> assertThat(reference).startsWith("/assets/booking/"));
        for (String reference : found) {
            client.get()
                    .uri(reference)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("Content-Security-Policy", PAGE_POLICY)
                    .expectHeader()
                    .valueEquals("X-Content-Type-Options", "nosniff");
        }
        client.get()
                .uri("/assets/booking/book.js")
                .exchange()
                .expectHeader()
                .contentTypeCompatibleWith("text/javascript");
        client.get().uri("/assets/booking/book.css").exchange().expectHeader().contentTypeCompatibleWith("text/css");
    }

    @Test
    void onlyTheAssetsAreExposed() {
        client.get().uri("/book/not-a-site").exchange().expectStatus().isNotFound();
        client.get().uri("/booking-page/book.html").exchange().expectStatus().isNotFound();
        client.get().uri("/assets/booking/missing.js").exchange().expectStatus().isNotFound();
        client.get().uri("/application.yml").exchange().expectStatus().isNotFound();
        client.get()
                .uri("/assets/booking/../../application.yml")
                .exchange()
                .expectStatus()
                .value(status -> assertThat(status).isIn(400, 404));
    }

    @Test
    void theApiKeepsItsStrictPolicy() {
        client.get()
                .uri("/api/v1/users/me")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }
}
