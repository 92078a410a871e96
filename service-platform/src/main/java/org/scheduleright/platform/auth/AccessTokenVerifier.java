package org.scheduleright.platform.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
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

    public AccessTokenVerifier(JWKSource<SecurityContext> keys, String issuer, String audience) {
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
        return Mono.fromCallable(() -> verifyNow(token)).subscribeOn(Schedulers.boundedElastic());
    }

    /** Blocking form of {@link #verify(String)} for callers already off the event loop. */
    public AuthenticatedUser verifyNow(String token) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            throw invalid();
        }
        try {
            return toUser(processor.process(token, null));
        } catch (TokenExpiredException e) {
            throw new ApiException(ErrorCode.TOKEN_EXPIRED, "Access token has expired");
        } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException | ClassCastException e) {
            throw invalid();
        }
    }

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
