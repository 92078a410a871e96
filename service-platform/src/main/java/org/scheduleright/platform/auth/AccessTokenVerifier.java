package org.scheduleright.platform.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Verifies access tokens with Nimbus against a JWK source: asymmetric signature (ES256 or RS256 only) by a known
 * {@code kid}, issuer, audience, expiry and not-before. Key look-ups that may fetch the JWKS run off the request
 * threads.
 */
public final class AccessTokenVerifier {

    static final int MAX_CLOCK_SKEW_SECONDS = 30;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final JWKSource<SecurityContext> keys;
    private final Cache<ByteBuffer, Verified> verified;

    public AccessTokenVerifier(JWKSource<SecurityContext> keys, String issuer, String audience) {
        this(keys, issuer, audience, 0);
    }

    /**
     * A verifier that remembers up to {@code cachedTokens} verified tokens (by their SHA-256), each until its
     * {@code exp} (plus the allowed clock skew, as for a token verified anew): a repeated token then costs a hash and
     * a key look-up instead of a signature check. Each hit asks {@code keys} again for the key that verified the token,
     * so a key that has left the source (retired, rotated away) stops its tokens at once; use it only with a source
     * that answers from memory without blocking (the gateway's key ring), as hits are answered on the caller's thread.
     */
    public AccessTokenVerifier(JWKSource<SecurityContext> keys, String issuer, String audience, int cachedTokens) {
        this.keys = keys;
        this.verified = cachedTokens <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumSize(cachedTokens)
                        .expireAfter(Expiry.creating((ByteBuffer key, Verified entry) ->
                                Duration.ofMillis(Math.max(0, entry.validUntilMillis() - System.currentTimeMillis()))))
                        .build();
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256), keys));
        ExpiryAwareClaimsVerifier claims = new ExpiryAwareClaimsVerifier(
                audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "exp", "iat", "jti", "roles"));
        claims.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The caller the token proves, or an error with {@code INVALID_TOKEN} or {@code TOKEN_EXPIRED}. */
    public Mono<AuthenticatedUser> verify(String token) {
        AuthenticatedUser known = remembered(token);
        if (known != null) {
            return Mono.just(known);
        }
        return Mono.fromCallable(() -> verifyNow(token)).subscribeOn(Schedulers.boundedElastic());
    }

    /** Blocking form of {@link #verify(String)} for callers already off the event loop. */
    public AuthenticatedUser verifyNow(String token) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            throw invalid();
        }
        AuthenticatedUser known = remembered(token);
        if (known != null) {
            return known;
        }
        try {
            if (verified == null) {
                return toUser(processor.process(token, null));
            }
            SignedJWT jwt = SignedJWT.parse(token);
            AuthenticatedUser user = toUser(processor.process(jwt, null));
            JWK key = keyOf(jwt.getHeader().getKeyID());
            Date expiry = jwt.getJWTClaimsSet().getExpirationTime();
            if (key != null && expiry != null) {
                verified.put(hash(token), new Verified(user, key, expiry.getTime() + MAX_CLOCK_SKEW_SECONDS * 1000L));
            }
            return user;
        } catch (TokenExpiredException e) {
            throw new ApiException(ErrorCode.TOKEN_EXPIRED, "Access token has expired");
        } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException | ClassCastException e) {
            throw invalid();
        }
    }

    /** The user of a token verified before whose key still verifies, or null. */
    private AuthenticatedUser remembered(String token) {
        if (verified == null || token == null || token.length() > 8192) {
            return null;
        }
        ByteBuffer hash = hash(token);
        Verified entry = verified.getIfPresent(hash);
        if (entry == null) {
            return null;
        }
        if (entry.validUntilMillis() < System.currentTimeMillis()
                || !entry.key().equals(keyOf(entry.key().getKeyID()))) {
            verified.invalidate(hash);
            return null;
        }
        return entry.user();
    }

    private JWK keyOf(String kid) {
        if (kid == null) {
            return null;
        }
        try {
            List<JWK> found =
                    keys.get(new JWKSelector(new JWKMatcher.Builder().keyID(kid).build()), null);
            return found.size() == 1 ? found.get(0) : null;
        } catch (KeySourceException e) {
            return null;
        }
    }

    private static ByteBuffer hash(String token) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** A verified token's caller, the key that verified it, and until when the entry may answer. */
    private record Verified(AuthenticatedUser user, JWK key, long validUntilMillis) {}

    private static AuthenticatedUser toUser(JWTClaimsSet claims) throws ParseException {
        List<String> names = claims.getStringListClaim("roles");
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("no roles");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            roles.add(Role.valueOf(name));
        }
        return new AuthenticatedUser(claims.getSubject(), claims.getStringClaim("orgId"), roles, claims.getJWTID());
    }

    private static ApiException invalid() {
        return new ApiException(ErrorCode.INVALID_TOKEN, "Access token is missing or invalid");
    }

    /** Signals an expired token apart from every other claim failure. */
    static final class TokenExpiredException extends BadJWTException {
        TokenExpiredException() {
            super("Expired JWT");
        }
    }

    /** Nimbus's claim checks, with expiry reported as its own exception so that it maps to TOKEN_EXPIRED. */
    static final class ExpiryAwareClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

        ExpiryAwareClaimsVerifier(String audience, JWTClaimsSet exactMatch, Set<String> required) {
            super(audience, exactMatch, required);
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            Date expiry = claims.getExpirationTime();
            if (expiry != null && expiry.getTime() + getMaxClockSkew() * 1000L < System.currentTimeMillis()) {
                throw new TokenExpiredException();
            }
            super.verify(claims, context);
        }
    }
}
