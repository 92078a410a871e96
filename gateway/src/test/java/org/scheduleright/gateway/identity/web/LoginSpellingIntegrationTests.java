package org.scheduleright.gateway.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scheduleright.gateway.GatewayIntegrationTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every spelling of an email that reaches an account meets that account's lockout, and a spelling that is another
 * address (accented) never reaches it: the lockout counts per account, emails are canonical (NFKC + lower case) and
 * compared byte for byte (issue 14, item 1).
 */
class LoginSpellingIntegrationTests extends GatewayIntegrationTest {

    private static final String ORG = UUID.randomUUID().toString();
    private static final String PASSWORD = "a long enough password";

    @Test
    void aLockedAccountStaysLockedWhateverTheEmailsSpelling() {
        String local = "alice-" + UUID.randomUUID();
        String email = createUserWithEmail(local + "@example.test", 201);
        for (int i = 0; i < 5; i++) {
            attempt(email, "wrong password " + i).expectStatus().isUnauthorized();
        }

        attempt(email, PASSWORD).expectStatus().isEqualTo(429);
        attempt(fullWidthFirstLetter(local) + "@example.test", PASSWORD)
                .expectStatus()
                .isEqualTo(429)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("ACCOUNT_LOCKED");
        attempt(local.toUpperCase() + "@EXAMPLE.TEST", PASSWORD).expectStatus().isEqualTo(429);
        attempt("\u00e0" + local.substring(1) + "@example.test", PASSWORD)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_CREDENTIALS");
        attempt("a\u0300" + local.substring(1) + "@example.test", PASSWORD)
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void failuresUnderDifferentSpellingsCountTowardsOneAccount() {
        String local = "bob-" + UUID.randomUUID();
        String email = createUserWithEmail(local + "@example.test", 201);
        List<String> spellings = List.of(
                email,
                email.toUpperCase(),
                fullWidthFirstLetter(local) + "@example.test",
                fullWidthFirstLetter(local.toUpperCase()) + "@Example.Test",
                local + "@EXAMPLE.TEST");
        for (String spelling : spellings) {
            attempt(spelling, "wrong password").expectStatus().isUnauthorized();
        }

        attempt(email, PASSWORD).expectStatus().isEqualTo(429);
    }

    @Test
    void anUnknownEmailIsCountedPerCanonicalValueAndLocksLikeAnAccount() {
        String local = "nobody-" + UUID.randomUUID();
        for (String spelling : List.of(
                local + "@example.test",
                local.toUpperCase() + "@example.test",
                fullWidthFirstLetter(local) + "@example.test",
                local + "@EXAMPLE.test",
                local + "@example.test")) {
            attempt(spelling, "whatever password").expectStatus().isUnauthorized();
        }

        attempt(local + "@example.test", "whatever password")
                .expectStatus()
                .isEqualTo(429)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("ACCOUNT_LOCKED");
    }

    @Test
    void aSecondAccountWhoseCanonicalEmailCollidesIsRefused() {
        String local = "carol-" + UUID.randomUUID();
        createUserWithEmail(local + "@example.test", 201);

        createUserWithEmail(fullWidthFirstLetter(local) + "@example.test", 409);
        createUserWithEmail(local.toUpperCase() + "@Example.Test", 409);
        String accented = createUserWithEmail("\u00e7" + local.substring(1) + "@example.test", 201);

        Map<?, ?> session = attempt(accented, PASSWORD)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(((Map<?, ?>) session.get("user")).get("email")).isEqualTo(accented);
    }

    @Test
    void aUserCreatedWithACompatibilitySpellingIsStoredCanonically() {
        String local = "dave-" + UUID.randomUUID();
        createUserWithEmail(fullWidthFirstLetter(local.toUpperCase()) + "@example.test", 201);

        Map<?, ?> session = attempt(local + "@example.test", PASSWORD)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(((Map<?, ?>) session.get("user")).get("email")).isEqualTo(local + "@example.test");
    }

    private WebTestClient.ResponseSpec attempt(String email, String password) {
        return clientFrom(randomIp())
                .post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange();
    }

    private String createUserWithEmail(String email, int expectedStatus) {
        clientFrom(randomIp())
                .post()
                .uri("/api/v1/users")
                .headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "email",
                        email,
                        "name",
                        "Test User",
                        "password",
                        PASSWORD,
                        "roles",
                        List.of("CLIENT"),
                        "orgId",
                        ORG))
                .exchange()
                .expectStatus()
                .isEqualTo(expectedStatus);
        return email;
    }

    /** The same text with its first letter in full width (U+FF41 'ａ' for 'a'), which NFKC folds back. */
    private static String fullWidthFirstLetter(String text) {
        char first = text.charAt(0);
        char wide = (char) (first >= 'a' && first <= 'z' ? 0xFF41 + (first - 'a') : 0xFF21 + (first - 'A'));
        return wide + text.substring(1);
    }
}
