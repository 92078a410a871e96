package org.scheduleright.gateway.token;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.scheduleright.gateway.token.persistence.RefreshTokenStore;
import org.scheduleright.gateway.token.persistence.SigningKeys;
import org.scheduleright.platform.auth.AccessTokenVerifier;
import org.scheduleright.platform.auth.TokenProperties;
import org.scheduleright.platform.housekeeping.Purge;
import org.scheduleright.platform.housekeeping.SqlPurges;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Token issuing and the key ring, which also verifies incoming access tokens in place of a remote JWKS; expired refresh
 * tokens and retired keys are purged after their retention.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    @Bean
    KeyRing keyRing(SigningKeys store, JwtProperties properties) {
        return new KeyRing(store, properties, Clock.systemUTC());
    }

    @Bean
    JWKSource<SecurityContext> accessTokenKeys(KeyRing keyRing) {
        return (selector, context) -> selector.select(new JWKSet(keyRing.publicKeys()));
    }

    /**
     * The platform's verifier on the key ring, remembering up to {@code scheduleright.auth.verified-tokens} (10,000, about 3 MB) verified tokens until they expire,
     * so that a client's repeated token costs one signature check per lifetime rather than one per request.
     */
    @Bean
    AccessTokenVerifier accessTokenVerifier(JWKSource<SecurityContext> accessTokenKeys, TokenProperties properties) {
        return new AccessTokenVerifier(
                accessTokenKeys, properties.issuer(), properties.audience(), properties.verifiedTokens());
    }

    @Bean
    AccessTokens accessTokens(KeyRing keyRing, JwtProperties properties, TokenProperties verification) {
        return new AccessTokens(keyRing, properties, verification, Clock.systemUTC());
    }

    @Bean
    RefreshTokens refreshTokens(RefreshTokenStore store, JwtProperties properties) {
        return new RefreshTokens(store, properties, Clock.systemUTC());
    }

    /** Refresh tokens expired more than their retention ago (platform housekeeping). */
    @Bean
    Purge expiredRefreshTokens(DatabaseClient database, TokenRetentionProperties retention) {
        return new Purge(
                "expired-refresh-tokens",
                retention.refreshTokens(),
                SqlPurges.olderThan(database, "refresh_tokens", "expires_at"));
    }

    /** Signing keys retired more than their retention ago; the active key has no retirement and is never purged. */
    @Bean
    Purge retiredSigningKeys(DatabaseClient database, TokenRetentionProperties retention) {
        return new Purge(
                "retired-signing-keys",
                retention.signingKeys(),
                SqlPurges.olderThan(database, "signing_keys", "retire_after", "retire_after IS NOT NULL"));
    }

    @Bean
    KeyRingMaintenance keyRingMaintenance(
            KeyRing keyRing, RefreshTokens refreshTokens, JwtProperties properties, MeterRegistry registry) {
        return new KeyRingMaintenance(keyRing, refreshTokens, properties, registry);
    }
}
