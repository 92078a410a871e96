package org.scheduleright.gateway.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.scheduleright.gateway.GatewayIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Every way an access token can be wrong is a 401 with INVALID_TOKEN, or TOKEN_EXPIRED for an expired one. */
class TokenVerificationIntegrationTests extends GatewayIntegrationTest {

    @Autowired
    KeyRing keyRing;

    @Test
    void aValidTokenIsAccepted() throws Exception {
        expect(signWithRing(claims -> claims), 200, null);
    }

    @Test
    void refusesAlgNone() {
        expect(new PlainJWT(claims(c -> c).build()).serialize(), 401, "INVALID_TOKEN");
    }

    @Test
    void refusesHs256SignedWithThePublicKey() throws Exception {
        ECKey publicKey = keyRing.active().key().toPublicJWK();
        byte[] secret = publicKey.toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(publicKey.getKeyID())
                        .build(),
                claims(c -> c).build());
        jwt.sign(new MACSigner(secret));
        expect(jwt.serialize(), 401, "INVALID_TOKEN");
    }

    @Test
    void refusesAnUnknownKid() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("unknown-kid").generate();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("unknown-kid").build(),
                claims(c -> c).build());
        jwt.sign(new ECDSASigner(stranger));
        expect(jwt.serialize(), 401, "INVALID_TOKEN");
    }

    @Test
    void refusesAForeignKeyUsingTheRingsKid() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).generate();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(keyRing.active().kid())
                        .build(),
                claims(c -> c).build());
        jwt.sign(new ECDSASigner(stranger));
        expect(jwt.serialize(), 401, "INVALID_TOKEN");
    }

    @Test
    void refusesAWrongIssuer() throws Exception {
        expect(signWithRing(c -> c.issuer("someone-else")), 401, "INVALID_TOKEN");
    }

    @Test
    void refusesAWrongAudience() throws Exception {
        expect(signWithRing(c -> c.audience("another-api")), 401, "INVALID_TOKEN");
    }

    @Test
    void anExpiredTokenIsTokenExpired() throws Exception {
        expect(
                signWithRing(c -> c.issueTime(Date.from(Instant.now().minusSeconds(3600)))
                        .notBeforeTime(Date.from(Instant.now().minusSeconds(3600)))
                        .expirationTime(Date.from(Instant.now().minusSeconds(120)))),
                401,
                "TOKEN_EXPIRED");
    }

    @Test
    void refusesATokenNotValidYet() throws Exception {
        expect(signWithRing(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(600)))), 401, "INVALID_TOKEN");
    }

    @Test
    void refusesATamperedPayload() throws Exception {
        String[] parts = signWithRing(c -> c).split("\\.");
        String payload = Base64URL.encode(
                        claims(c -> c.claim("roles", List.of("ADMIN"))).build().toString())
                .toString();
        expect(parts[0] + "." + payload + "." + parts[2], 401, "INVALID_TOKEN");
    }

    @Test
    void refusesMalformedStrings() {
        for (String token : List.of("not-a-jwt", "a.b.c", "....", "eyJhbGciOiJFUzI1NiJ9.e30")) {
            expect(token, 401, "INVALID_TOKEN");
        }
    }

    private String signWithRing(UnaryOperator<JWTClaimsSet.Builder> adjust) throws Exception {
        SigningKey key = keyRing.active();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.kid())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims(adjust).build());
        jwt.sign(new ECDSASigner(key.key()));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder claims(UnaryOperator<JWTClaimsSet.Builder> adjust) {
        Instant now = Instant.now();
        return adjust.apply(new JWTClaimsSet.Builder()
                .subject(UUID.randomUUID().toString())
                .issuer("scheduleright-gateway")
                .audience("scheduleright-api")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(900)))
                .jwtID(UUID.randomUUID().toString())
                .claim("orgId", UUID.randomUUID().toString())
                .claim("roles", List.of("CLIENT")));
    }

    private void expect(String token, int status, String code) {
        var response = client.get()
                .uri("/api/v1/bookings/" + UUID.randomUUID())
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isEqualTo(status);
        if (code != null) {
            response.expectBody().jsonPath("$.code").isEqualTo(code);
        }
    }
}
