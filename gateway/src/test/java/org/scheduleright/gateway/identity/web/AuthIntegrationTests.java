package org.scheduleright.gateway.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scheduleright.gateway.GatewayIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** Login, refresh rotation with reuse detection, logout and the account lockout, through the HTTP API. */
class AuthIntegrationTests extends GatewayIntegrationTest {

    private static final String ORG = UUID.randomUUID().toString();
    private static final String PASSWORD = "a long enough password";

    @Autowired
    DatabaseClient db;

    @Test
    void loginReturnsTheUserTokensAndAStrictHttpOnlyCookie() {
        @SuppressWarnings("rawtypes")
        EntityExchangeResult<Map> result = client.post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", ADMIN_EMAIL.toUpperCase(), "password", ADMIN_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult();
        @SuppressWarnings("unchecked")
        Map<String, Object> body = result.getResponseBody();
        assertThat(body).containsEntry("tokenType", "Bearer").containsEntry("expiresIn", 900);
        assertThat((String) body.get("accessToken")).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat((String) body.get("refreshToken")).hasSize(43);
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) body.get("user");
        assertThat(user)
                .containsEntry("email", ADMIN_EMAIL)
                .containsEntry("roles", List.of("ADMIN"))
                .doesNotContainKey("passwordHash");
        String cookie = result.getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE);
        assertThat(cookie)
                .startsWith("refreshToken=" + body.get("refreshToken"))
                .contains("HttpOnly", "SameSite=Strict", "Path=/api/v1/auth")
                .doesNotContain("Secure");
    }

    @Test
    void wrongPasswordAndUnknownEmailGiveTheSameAnswer() {
        Map<?, ?> wrongPassword = failedLogin(ADMIN_EMAIL, "not the right password");
        Map<?, ?> unknownEmail = failedLogin("nobody-" + UUID.randomUUID() + "@example.test", "whatever password");
        assertThat(wrongPassword.get("code")).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknownEmail.get("code")).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknownEmail.get("error")).isEqualTo(wrongPassword.get("error"));
    }

    @Test
    void anUnknownEmailCostsAPasswordHashLikeAKnownOne() {
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String email = createUser("CLIENT", ORG, PASSWORD);
            known.add(timeFailedLogin(email));
            unknown.add(timeFailedLogin("nobody-" + UUID.randomUUID() + "@example.test"));
        }
        Collections.sort(known);
        Collections.sort(unknown);
        assertThat(unknown.get(1)).isGreaterThan(known.get(1) / 3);
    }

    @Test
    void anSqlInjectionAttemptIsAValidationError() {
        client.post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"admin'--\",\"password\":\"x\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_ERROR")
                .jsonPath("$.details[0].field")
                .isEqualTo("email");
    }

    @Test
    void passwordsAreStoredAsArgon2idWithOwaspParameters() {
        String email = createUser("CLIENT", ORG, PASSWORD);
        String hash = db.sql("SELECT password_hash FROM users WHERE email = :email")
                .bind("email", email)
                .map(row -> row.get("password_hash", String.class))
                .one()
                .block();
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD);
    }

    @Test
    void refreshRotatesTheTokenAndReuseRevokesTheWholeFamily() {
        String email = createUser("STAFF", ORG, PASSWORD);
        String first = (String) login(email, PASSWORD).get("refreshToken");

        Map<?, ?> second = refresh(first, 200);
        String secondToken = (String) second.get("refreshToken");
        assertThat(secondToken).isNotEqualTo(first);
        assertThat((String) second.get("accessToken")).isNotBlank();

        assertThat(refresh(first, 401).get("code")).isEqualTo("INVALID_TOKEN");
        assertThat(refresh(secondToken, 401).get("code")).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void refreshAcceptsTheCookie() {
        String email = createUser("CLIENT", ORG, PASSWORD);
        String token = (String) login(email, PASSWORD).get("refreshToken");
        client.post()
                .uri("/api/v1/auth/refresh")
                .cookie("refreshToken", token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .value(HttpHeaders.SET_COOKIE, cookie -> assertThat(cookie).startsWith("refreshToken="))
                .expectBody()
                .jsonPath("$.accessToken")
                .isNotEmpty();
    }

    @Test
    void anUnknownRefreshTokenIsRefused() {
        assertThat(refresh("A".repeat(43), 401).get("code")).isEqualTo("INVALID_TOKEN");
        assertThat(refresh("short", 401).get("code")).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void logoutRevokesTheFamilyAndClearsTheCookie() {
        String email = createUser("CLIENT", ORG, PASSWORD);
        String token = (String) login(email, PASSWORD).get("refreshToken");
        client.post()
                .uri("/api/v1/auth/logout")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .value(HttpHeaders.SET_COOKIE, cookie -> assertThat(cookie).contains("refreshToken=;", "Max-Age=0"))
                .expectBody()
                .jsonPath("$.message")
                .isEqualTo("Logged out successfully");
        refresh(token, 401);
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPassword() {
        String email = createUser("CLIENT", ORG, PASSWORD);
        for (int i = 0; i < 5; i++) {
            failedLogin(email, "wrong password " + i);
        }
        clientFrom(randomIp())
                .post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .value(
                        HttpHeaders.RETRY_AFTER,
                        retry -> assertThat(Long.parseLong(retry)).isBetween(1700L, 1800L))
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("ACCOUNT_LOCKED");
    }

    @Test
    void loginOutcomesAndActiveRefreshFamiliesAreOnTheMetrics() {
        login(ADMIN_EMAIL, ADMIN_PASSWORD);
        failedLogin(ADMIN_EMAIL, "not the right password");
        String metrics = client.get()
                .uri("/metrics")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(metrics)
                .containsPattern("scheduleright_auth_logins_total\\{[^}]*result=\"success\"[^}]*} [1-9]")
                .containsPattern("scheduleright_auth_logins_total\\{[^}]*result=\"failure\"[^}]*} [1-9]")
                .contains("scheduleright_auth_refresh_families_active");
    }

    private Map<?, ?> failedLogin(String email, String password) {
        return clientFrom(randomIp())
                .post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private long timeFailedLogin(String email) {
        long start = System.nanoTime();
        failedLogin(email, "definitely wrong");
        return System.nanoTime() - start;
    }

    private Map<?, ?> refresh(String token, int status) {
        return clientFrom(randomIp())
                .post()
                .uri("/api/v1/auth/refresh")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", token))
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }
}
