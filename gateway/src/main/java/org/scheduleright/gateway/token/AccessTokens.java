package org.scheduleright.gateway.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import org.scheduleright.platform.auth.Role;
import org.scheduleright.platform.auth.TokenProperties;

/** Mints ES256 access tokens with the key ring's active key and the claims of the contract. */
public class AccessTokens {

    private final KeyRing keyRing;
    private final JwtProperties properties;
    private final TokenProperties verification;
    private final Clock clock;

    AccessTokens(KeyRing keyRing, JwtProperties properties, TokenProperties verification, Clock clock) {
        this.keyRing = keyRing;
        this.properties = properties;
        this.verification = verification;
        this.clock = clock;
    }

    /** An access token for the user; {@code orgId} may be null for a platform ADMIN. */
    public IssuedAccessToken issue(String userId, String orgId, Set<Role> roles) {
        SigningKey key = keyRing.active();
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .issuer(verification.issuer())
                .audience(verification.audience())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(properties.expiry())))
                .jwtID(UUID.randomUUID().toString())
                .claim("orgId", orgId)
                .claim("roles", roles.stream().sorted().map(Role::name).toList())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.kid())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new ECDSASigner(key.key()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
        return new IssuedAccessToken(jwt.serialize(), properties.expiry().toSeconds());
    }

    /** A signed access token and its lifetime in seconds. */
    public record IssuedAccessToken(String token, long expiresIn) {}
}
