package org.scheduleright.gateway.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scheduleright.gateway.GatewayIntegrationTest;

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
            attemptLogin(email, "wrong password " + i).expectStatus().isUnauthorized();
        }

        attemptLogin(email, PASSWORD).expectStatus().isEqualTo(429);
        attemptLogin(fullWidthFirstLetter(local) + "@example.test", PASSWORD)
                .expectStatus()
                .isEqualTo(429)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("ACCOUNT_LOCKED");
        attemptLogin(local.toUpperCase() + "@EXAMPLE.TEST", PASSWORD)
                .expectStatus()
                .isEqualTo(429);
        attemptLogin("\u00e0" + local.substring(1) + "@example.test", PASSWORD)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_CREDENTIALS");
        attemptLogin("a\u0300" + local.substring(1) + "@example.test", PASSWORD)
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
            attemptLogin(spelling, "wrong password").expectStatus().isUnauthorized();
        }

        attemptLogin(email, PASSWORD).expectStatus().isEqualTo(429);
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
            attemptLogin(spelling, "whatever password").expectStatus().isUnauthorized();
        }

        attemptLogin(local + "@example.test", "whatever password")
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

        Map<?, ?> session = attemptLogin(accented, PASSWORD)
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

        Map<?, ?> session = attemptLogin(local + "@example.test", PASSWORD)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(((Map<?, ?>) session.get("user")).get("email")).isEqualTo(local + "@example.test");
    }

    private String createUserWithEmail(String email, int expectedStatus) {
        attemptCreateUser(email, "CLIENT", ORG, PASSWORD).expectStatus().isEqualTo(expectedStatus);
        return email;
    }

    /** The same text with its first letter in full width (U+FF41 'ａ' for 'a'), which NFKC folds back. */
    private static String fullWidthFirstLetter(String text) {
        char first = text.charAt(0);
        char wide = (char) (first >= 'a' && first <= 'z' ? 0xFF41 + (first - 'a') : 0xFF21 + (first - 'A'));
        return wide + text.substring(1);
    }
}
