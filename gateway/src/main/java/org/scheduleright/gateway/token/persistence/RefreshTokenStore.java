package org.scheduleright.gateway.token.persistence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Refresh tokens by the SHA-256 hash of their value (never the value), grouped in rotation families. */
@Repository
public class RefreshTokenStore {

    private final DatabaseClient db;

    RefreshTokenStore(DatabaseClient db) {
        this.db = db;
    }

    /** A stored refresh token and the state of its rotation. */
    public record StoredRefreshToken(
            String hash, String familyId, String userId, Instant expiresAt, boolean rotated, boolean revoked) {}

    public Mono<Void> insert(String hash, String familyId, String userId, Instant now, Instant expiresAt) {
        return db.sql("INSERT INTO refresh_tokens (token_hash, family_id, user_id, created_at, expires_at)"
                        + " VALUES (:hash, :family, :user, :now, :expires)")
                .bind("hash", hash)
                .bind("family", familyId)
                .bind("user", userId)
                .bind("now", utc(now))
                .bind("expires", utc(expiresAt))
                .then();
    }

    public Mono<StoredRefreshToken> findByHash(String hash) {
        return db.sql("SELECT token_hash, family_id, user_id, expires_at, rotated_at, revoked_at"
                        + " FROM refresh_tokens WHERE token_hash = :hash")
                .bind("hash", hash)
                .map(row -> new StoredRefreshToken(
                        row.get("token_hash", String.class),
                        row.get("family_id", String.class),
                        row.get("user_id", String.class),
                        row.get("expires_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                        row.get("rotated_at", LocalDateTime.class) != null,
                        row.get("revoked_at", LocalDateTime.class) != null))
                .one();
    }

    /** Marks the token rotated unless it already was; returns whether this call rotated it. */
    public Mono<Boolean> markRotated(String hash, Instant now) {
        return db.sql("UPDATE refresh_tokens SET rotated_at = :now"
                        + " WHERE token_hash = :hash AND rotated_at IS NULL AND revoked_at IS NULL")
                .bind("now", utc(now))
                .bind("hash", hash)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    public Mono<Void> revokeFamily(String familyId, Instant now) {
        return db.sql("UPDATE refresh_tokens SET revoked_at = :now WHERE family_id = :family AND revoked_at IS NULL")
                .bind("now", utc(now))
                .bind("family", familyId)
                .then();
    }

    /** Families that still hold a usable token: neither rotated, revoked nor expired. */
    public Mono<Long> countActiveFamilies(Instant now) {
        return db.sql("SELECT COUNT(DISTINCT family_id) AS families FROM refresh_tokens"
                        + " WHERE rotated_at IS NULL AND revoked_at IS NULL AND expires_at > :now")
                .bind("now", utc(now))
                .map(row -> row.get("families", Long.class))
                .one()
                .defaultIfEmpty(0L);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
