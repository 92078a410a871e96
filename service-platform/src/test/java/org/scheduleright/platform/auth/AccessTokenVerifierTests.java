package org.scheduleright.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import org.scheduleright.platform.testing.TestJwks;

/** Only a well-formed, asymmetrically signed, current token of our issuer and audience proves a caller. */
class AccessTokenVerifierTests {

    static final TestJwks jwks = new TestJwks();
    static final TestJwks stranger = new TestJwks();
    static final AccessTokenVerifier verifier = verifierFor(jwks);

    @AfterAll
    static void stop() {
        jwks.close();
        stranger.close();
    }

    @Test
    void acceptsAValidToken() {
        AuthenticatedUser user = verifier.verifyNow(jwks.token("u1", "org-1", "STAFF", "VOLUNTEER"));
        assertThat(user.userId()).isEqualTo("u1");
        assertThat(user.orgId()).isEqualTo("org-1");
        assertThat(user.roles()).containsExactlyInAnyOrder(Role.STAFF, Role.VOLUNTEER);
    }

    @Test
    void rejectsUnsignedAlgNoneToken() {
        String token = new PlainJWT(claims().build()).serialize();
        assertRejected(token, ErrorCode.INVALID_TOKEN);
    }

    @Test
    void rejectsHs256SignedWithThePublicKey() throws Exception {
        String publicJwks =
                new String(new URI(jwks.jwksUri()).toURL().openStream().readAllBytes());
        byte[] secret = publicJwks.getBytes();
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        forged.sign(new MACSigner(secret));
        assertRejected(forged.serialize(), ErrorCode.INVALID_TOKEN);
    }

    @Test
    void rejectsTokenFromAnUnknownKey() {
        assertRejected(stranger.token("u1", "org-1", "STAFF"), ErrorCode.INVALID_TOKEN);
    }

    @Test
    void rejectsWrongIssuer() {
        assertRejected(jwks.token(c -> c.issuer("someone-else"), "u1", "org-1", "STAFF"), ErrorCode.INVALID_TOKEN);
    }

    @Test
    void rejectsWrongAudience() {
        assertRejected(jwks.token(c -> c.audience("other-api"), "u1", "org-1", "STAFF"), ErrorCode.INVALID_TOKEN);
    }

    @Test
    void reportsExpiredTokenAsExpired() {
        Date past = Date.from(Instant.now().minusSeconds(600));
        assertRejected(
                jwks.token(c -> c.expirationTime(past).issueTime(past).notBeforeTime(past), "u1", "org-1", "STAFF"),
                ErrorCode.TOKEN_EXPIRED);
    }

    @Test
    void rejectsNotYetValidToken() {
        Date future = Date.from(Instant.now().plusSeconds(600));
        assertRejected(jwks.token(c -> c.notBeforeTime(future), "u1", "org-1", "STAFF"), ErrorCode.INVALID_TOKEN);
    }

    @Test
    void rejectsTamperedPayload() {
        String[] parts = jwks.token("u1", "org-1", "CLIENT").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("CLIENT", "ADMIN");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
        assertRejected(tampered, ErrorCode.INVALID_TOKEN);
    }

    @Test
    void rejectsMalformedStrings() {
        for (String token : List.of("", "abc", "a.b.c", "....", "eyJhbGciOiJFUzI1NiJ9.e30.")) {
            assertRejected(token, ErrorCode.INVALID_TOKEN);
        }
    }

    @Test
    void rejectsUnknownRole() {
        assertRejected(jwks.token("u1", "org-1", "SUPERUSER"), ErrorCode.INVALID_TOKEN);
    }

    @Test
    void remembersATokenOnlyWhileItsKeyIsStillPublished() throws Exception {
        var published = new java.util.concurrent.atomic.AtomicBoolean(true);
        var remote = JWKSourceBuilder.<SecurityContext>create(new URI(jwks.jwksUri()).toURL())
                .build();
        com.nimbusds.jose.jwk.source.JWKSource<SecurityContext> keys =
                (selector, context) -> published.get() ? remote.get(selector, context) : List.of();
        AccessTokenVerifier remembering = new AccessTokenVerifier(keys, TestJwks.ISSUER, TestJwks.AUDIENCE, 100);
        String token = jwks.token("u7", "org-7", "STAFF");

        assertThat(remembering.verifyNow(token).userId()).isEqualTo("u7");
        assertThat(remembering.verify(token).block().userId()).isEqualTo("u7");

        published.set(false);
        assertThatThrownBy(() -> remembering.verifyNow(token))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN));
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject("u1")
                .issuer(TestJwks.ISSUER)
                .audience(TestJwks.AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(900)))
                .jwtID("j1")
                .claim("roles", List.of("ADMIN"));
    }

    private static void assertRejected(String token, ErrorCode code) {
        assertThatThrownBy(() -> verifier.verifyNow(token))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static AccessTokenVerifier verifierFor(TestJwks keys) {
        try {
            return new AccessTokenVerifier(
                    JWKSourceBuilder.<SecurityContext>create(new URI(keys.jwksUri()).toURL())
                            .build(),
                    TestJwks.ISSUER,
                    TestJwks.AUDIENCE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
