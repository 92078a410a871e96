package org.scheduleright.gateway.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import org.scheduleright.gateway.token.persistence.RefreshTokenStore;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Opaque refresh tokens: 256 random bits, stored only as SHA-256 hashes, rotated on every use within a family;
 * presenting a token that was already rotated revokes its whole family (reuse detection).
 */
public class RefreshTokens {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokens.class);
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final RefreshTokenStore store;
    private final JwtProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    RefreshTokens(RefreshTokenStore store, JwtProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new family's first token for the user. */
    public Mono<String> startFamily(String userId) {
        return issue(UUID.randomUUID().toString(), userId);
    }

    /** Exchanges a valid token for its successor; any invalid, expired, revoked or reused token is a 401. */
    public Mono<Rotation> rotate(String presented) {
        if (presented == null || !SHAPE.matcher(presented).matches()) {
            return Mono.error(invalid());
        }
        Instant now = clock.instant();
        return store.findByHash(hash(presented))
                .switchIfEmpty(Mono.error(invalid()))
                .flatMap(token -> {
                    if (token.revoked() || !token.expiresAt().isAfter(now)) {
                        return Mono.error(invalid());
                    }
                    if (token.rotated()) {
                        return reuse(token.familyId(), now);
                    }
                    return store.markRotated(token.hash(), now)
                            .flatMap(won -> won
                                    ? issue(token.familyId(), token.userId())
                                            .map(next -> new Rotation(token.userId(), token.familyId(), next))
                                    : reuse(token.familyId(), now));
                });
    }

    /** Revokes the family of the presented token, if it names one. */
    public Mono<Void> revokeFamilyOf(String presented) {
        if (presented == null || !SHAPE.matcher(presented).matches()) {
            return Mono.empty();
        }
        return store.findByHash(hash(presented))
                .flatMap(token -> store.revokeFamily(token.familyId(), clock.instant()));
    }

    Mono<Long> activeFamilies() {
        return store.countActiveFamilies(clock.instant());
    }

    private Mono<Rotation> reuse(String familyId, Instant now) {
        log.warn("A rotated refresh token was presented again; revoking its family {}", familyId);
        return store.revokeFamily(familyId, now).then(Mono.error(invalid()));
    }

    private Mono<String> issue(String familyId, String userId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        return store.insert(hash(token), familyId, userId, now, now.plus(properties.refreshExpiry()))
                .thenReturn(token);
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException invalid() {
        return new ApiException(ErrorCode.INVALID_TOKEN, "Refresh token is invalid or expired");
    }

    /** The user a rotated token belonged to, its family and the successor token. */
    public record Rotation(String userId, String familyId, String refreshToken) {}
}
