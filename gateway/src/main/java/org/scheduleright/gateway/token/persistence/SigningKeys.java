package org.scheduleright.gateway.token.persistence;

import io.r2dbc.spi.R2dbcTransientException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The key ring shared by every gateway replica, in the {@code signing_keys} table. */
@Repository
public class SigningKeys {

    private final DatabaseClient db;
    private final TransactionalOperator transactions;

    SigningKeys(DatabaseClient db, ReactiveTransactionManager transactionManager) {
        this.db = db;
        this.transactions = TransactionalOperator.create(transactionManager);
    }

    /** Every key whose tokens may still be valid at {@code now}, the most recently activated first. */
    public Flux<StoredSigningKey> usableAt(Instant now) {
        return db.sql("SELECT kid, public_jwk, private_key_encrypted, activated_at, retire_after FROM signing_keys"
                        + " WHERE retire_after IS NULL OR retire_after > :now ORDER BY activated_at DESC")
                .bind("now", utc(now))
                .map(row -> new StoredSigningKey(
                        row.get("kid", String.class),
                        row.get("public_jwk", String.class),
                        row.get("private_key_encrypted", String.class),
                        instant(row.get("activated_at", LocalDateTime.class)),
                        instant(row.get("retire_after", LocalDateTime.class))))
                .all();
    }

    /**
     * Makes {@code key} the active key and schedules every other active key to retire at {@code retireAfter}, in one
     * transaction that locks the current active key so that concurrent rotations by several replicas serialise. With
     * a non-null {@code expectedActiveKid}, rotates only if that key is still the active one.
     *
     * @return whether the rotation happened
     */
    public Mono<Boolean> rotate(String expectedActiveKid, StoredSigningKey key, Instant retireAfter) {
        Mono<Boolean> work = db.sql("SELECT kid FROM signing_keys WHERE retire_after IS NULL"
                        + " ORDER BY activated_at DESC LIMIT 1 FOR UPDATE")
                .map(row -> row.get("kid", String.class))
                .one()
                .map(kid -> expectedActiveKid == null || expectedActiveKid.equals(kid))
                .defaultIfEmpty(expectedActiveKid == null)
                .flatMap(proceed -> proceed
                        ? insert(key)
                                .then(db.sql("UPDATE signing_keys SET retire_after = :retire"
                                                + " WHERE retire_after IS NULL AND kid <> :kid")
                                        .bind("retire", utc(retireAfter))
                                        .bind("kid", key.kid())
                                        .fetch()
                                        .rowsUpdated())
                                .thenReturn(true)
                        : Mono.just(false));
        Mono<Boolean> rotation = transactions.transactional(work);
        if (expectedActiveKid == null) {
            return rotation;
        }
        return rotation.onErrorResume(SigningKeys::lostRace, e -> Mono.just(false));
    }

    /** A deadlock or lock timeout between replicas rotating at once: another replica is rotating. */
    private static boolean lostRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof R2dbcTransientException) {
                return true;
            }
        }
        return false;
    }

    /** Moves a key's retirement, e.g. to retire it early; returns whether the key exists. */
    public Mono<Boolean> retireAt(String kid, Instant retireAfter) {
        return db.sql("UPDATE signing_keys SET retire_after = :retire WHERE kid = :kid")
                .bind("retire", utc(retireAfter))
                .bind("kid", kid)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    private Mono<Long> insert(StoredSigningKey key) {
        return db.sql("INSERT INTO signing_keys (kid, public_jwk, private_key_encrypted, created_at, activated_at)"
                        + " VALUES (:kid, :publicJwk, :privateJwk, :now, :now)")
                .bind("kid", key.kid())
                .bind("publicJwk", key.publicJwk())
                .bind("privateJwk", key.encryptedPrivateJwk())
                .bind("now", utc(key.activatedAt()))
                .fetch()
                .rowsUpdated();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }
}
