package org.scheduleright.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scheduleright.gateway.GatewayIntegrationTest;
import org.scheduleright.gateway.token.persistence.SigningKeys;
import org.scheduleright.platform.auth.AccessTokenVerifier;
import org.scheduleright.platform.auth.AuthenticatedUser;
import org.scheduleright.platform.error.ApiException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Rotation without restart or logout: old tokens verify until their key retires, at the gateway and downstream. */
class KeyRingIntegrationTests extends GatewayIntegrationTest {

    @Autowired
    KeyRing keyRing;

    @Autowired
    SigningKeys signingKeys;

    @Test
    void theJwksPublishesOnlyPublicEcKeys() {
        Map<?, ?> jwks = jwks();
        List<?> keys = (List<?>) jwks.get("keys");
        assertThat(keys).isNotEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) keys.get(0);
        assertThat(first)
                .containsEntry("kty", "EC")
                .containsEntry("crv", "P-256")
                .containsEntry("alg", "ES256")
                .containsKey("kid")
                .doesNotContainKey("d");
    }

    @Test
    void aTokenSignedBeforeARotationStillVerifiesAfterIt() throws Exception {
        String before = adminToken();
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        String newKid = (String) client.post()
                .uri("/api/v1/admin/signing-keys/rotate")
                .headers(h -> h.setBearerAuth(before))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("kid");

        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(kids()).contains(oldKid, newKid);
        assertThat(SignedJWT.parse(adminToken()).getHeader().getKeyID()).isEqualTo(newKid);
        me(before).expectStatus().isOk();
        AuthenticatedUser downstream = downstreamVerifier().verifyNow(before);
        assertThat(downstream.isAdmin()).isTrue();
    }

    @Test
    void aRetiredKeysTokensAreRefusedAndItLeavesTheJwks() throws Exception {
        String before = adminToken();
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();
        keyRing.rotateNow().block();

        signingKeys.retireAt(oldKid, Instant.now().minusSeconds(1)).block();
        keyRing.refresh().block();

        assertThat(kids()).doesNotContain(oldKid);
        client.get()
                .uri("/api/v1/users/me")
                .headers(h -> h.setBearerAuth(before))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_TOKEN");
        assertThatThrownBy(() -> downstreamVerifier().verifyNow(before)).isInstanceOf(ApiException.class);
    }

    @Test
    void aTokenVerifiedBeforeItsKeyRetiredIsRefusedAfterwards() throws Exception {
        String before = adminToken();
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();
        for (int i = 0; i < 2; i++) { // the second answer comes from the gateway's cache of verified tokens
            me(before).expectStatus().isOk();
        }
        keyRing.rotateNow().block();
        signingKeys.retireAt(oldKid, Instant.now().minusSeconds(1)).block();
        keyRing.refresh().block();

        me(before).expectStatus().isUnauthorized();
    }

    @Test
    void onlyAnAdminRotatesKeys() {
        String staff = accessToken(
                createUser("STAFF", UUID.randomUUID().toString(), "a long enough password"), "a long enough password");
        client.post()
                .uri("/api/v1/admin/signing-keys/rotate")
                .headers(h -> h.setBearerAuth(staff))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    private WebTestClient.ResponseSpec me(String token) {
        return client.get()
                .uri("/api/v1/users/me")
                .headers(h -> h.setBearerAuth(token))
                .exchange();
    }

    private AccessTokenVerifier downstreamVerifier() throws Exception {
        URI jwks = URI.create("http://127.0.0.1:" + port + "/.well-known/jwks.json");
        return new AccessTokenVerifier(
                JWKSourceBuilder.<SecurityContext>create(jwks.toURL()).build(),
                "scheduleright-gateway",
                "scheduleright-api");
    }

    private Map<?, ?> jwks() {
        return client.get()
                .uri("/.well-known/jwks.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private List<String> kids() {
        return ((List<?>) jwks().get("keys"))
                .stream().map(key -> (String) ((Map<?, ?>) key).get("kid")).toList();
    }
}
