package org.scheduleright.booking.booking.persistence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.scheduleright.booking.booking.domain.BookingId;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The {@code Idempotency-Key}s of booking requests, unique per scope: inserted in the transaction that creates the
 * booking, so a racing retry blocks on the key until the first request commits or rolls back.
 */
@Repository
public class IdempotencyKeys {

    private final DatabaseClient db;

    IdempotencyKeys(DatabaseClient db) {
        this.db = db;
    }

    /** A stored key: the hash of the request that used it and the booking it created. */
    public record StoredKey(String requestHash, BookingId bookingId, Instant createdAt) {}

    /**
     * Claims a key for a booking; fails with a {@code DataIntegrityViolationException} when another request holds it.
     */
    public Mono<Void> claim(String scope, String key, String requestHash, BookingId booking, Instant now) {
        return db.sql("INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, booking_id, created_at)"
                        + " VALUES (:scope, :key, :hash, :booking, :created)")
                .bind("scope", scope)
                .bind("key", key)
                .bind("hash", requestHash)
                .bind("booking", booking.toString())
                .bind("created", LocalDateTime.ofInstant(now, ZoneOffset.UTC))
                .then();
    }

    /** Forgets a key that was first used before {@code expiredBefore}. */
    public Mono<Long> forgetIfExpired(String scope, String key, Instant expiredBefore) {
        return db.sql("DELETE FROM idempotency_keys WHERE scope = :scope AND idempotency_key = :key"
                        + " AND created_at < :before")
                .bind("scope", scope)
                .bind("key", key)
                .bind("before", LocalDateTime.ofInstant(expiredBefore, ZoneOffset.UTC))
                .fetch()
                .rowsUpdated();
    }

    public Mono<StoredKey> find(String scope, String key) {
        return db.sql("SELECT request_hash, booking_id, created_at FROM idempotency_keys"
                        + " WHERE scope = :scope AND idempotency_key = :key")
                .bind("scope", scope)
                .bind("key", key)
                .map(row -> new StoredKey(
                        row.get("request_hash", String.class),
                        new BookingId(UUID.fromString(row.get("booking_id", String.class))),
                        row.get("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC)))
                .one();
    }
}
