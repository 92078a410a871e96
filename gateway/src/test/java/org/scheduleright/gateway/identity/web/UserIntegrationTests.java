package org.scheduleright.gateway.identity.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scheduleright.gateway.GatewayIntegrationTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The caller's profile and who may create which users. */
class UserIntegrationTests extends GatewayIntegrationTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void meReturnsTheCallerWithoutThePasswordHash() {
        String org = UUID.randomUUID().toString();
        String email = createUser("VOLUNTEER", org, PASSWORD);
        client.get()
                .uri("/api/v1/users/me")
                .headers(h -> h.setBearerAuth(accessToken(email, PASSWORD)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.email")
                .isEqualTo(email)
                .jsonPath("$.orgId")
                .isEqualTo(org)
                .jsonPath("$.roles[0]")
                .isEqualTo("VOLUNTEER")
                .jsonPath("$.passwordHash")
                .doesNotExist();
    }

    @Test
    void meWithoutATokenIsUnauthorized() {
        client.get()
                .uri("/api/v1/users/me")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_TOKEN");
    }

    @Test
    void adminCreatesStaffOfAnyOrganisation() {
        create(adminToken(), "STAFF", UUID.randomUUID().toString(), PASSWORD)
                .expectStatus()
                .isCreated()
                .expectHeader()
                .exists("Location")
                .expectBody()
                .jsonPath("$.roles[0]")
                .isEqualTo("STAFF");
    }

    @Test
    void staffCreatesClientsOfTheirOwnOrganisationOnly() {
        String org = UUID.randomUUID().toString();
        String staff = accessToken(createUser("STAFF", org, PASSWORD), PASSWORD);
        create(staff, "CLIENT", org, PASSWORD).expectStatus().isCreated();
        create(staff, "VOLUNTEER", null, PASSWORD)
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.orgId")
                .isEqualTo(org);
        create(staff, "CLIENT", UUID.randomUUID().toString(), PASSWORD)
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INSUFFICIENT_PERMISSIONS");
        create(staff, "STAFF", org, PASSWORD).expectStatus().isForbidden();
    }

    @Test
    void clientsCannotCreateUsers() {
        String org = UUID.randomUUID().toString();
        String clientToken = accessToken(createUser("CLIENT", org, PASSWORD), PASSWORD);
        create(clientToken, "CLIENT", org, PASSWORD).expectStatus().isForbidden();
    }

    @Test
    void passwordsShorterThanTwelveCharactersAreRefused() {
        create(adminToken(), "CLIENT", UUID.randomUUID().toString(), "short pass")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.details[0].field")
                .isEqualTo("password");
    }

    @Test
    void aSecondUserWithTheSameEmailIsADuplicate() {
        String org = UUID.randomUUID().toString();
        String email = createUser("CLIENT", org, PASSWORD);
        client.post()
                .uri("/api/v1/users")
                .headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "email",
                        email.toUpperCase(),
                        "name",
                        "Someone",
                        "password",
                        PASSWORD,
                        "roles",
                        List.of("CLIENT"),
                        "orgId",
                        org))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("DUPLICATE_RESOURCE");
    }

    private WebTestClient.ResponseSpec create(String token, String role, String org, String password) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "email",
                "new-" + UUID.randomUUID() + "@example.test",
                "name",
                "New User",
                "password",
                password,
                "roles",
                List.of(role)));
        if (org != null) {
            body.put("orgId", org);
        }
        return client.post()
                .uri("/api/v1/users")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
