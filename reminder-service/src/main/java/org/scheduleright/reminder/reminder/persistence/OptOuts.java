package org.scheduleright.reminder.reminder.persistence;

import static org.scheduleright.reminder.support.UtcTimes.toColumn;

import java.time.Instant;
import java.util.List;
import org.scheduleright.reminder.reminder.domain.PhoneHasher;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Numbers that opted out of SMS, kept only as keyed hashes. A row stored under an older key or as a legacy plain
 * SHA-256 still counts, and is rewritten under the active key the first time its number is seen again (an opt-out
 * cannot be rehashed without its number).
 */
@Repository
public class OptOuts {

    private final DatabaseClient database;

    private final PhoneHasher hasher;

    OptOuts(DatabaseClient database, PhoneHasher hasher) {
        this.database = database;
        this.hasher = hasher;
    }

    public Mono<Boolean> isOptedOut(PhoneNumber phone) {
        List<String> candidates = hasher.candidates(phone);
        return database.sql("SELECT phone_hash FROM opt_outs WHERE phone_hash IN (:hashes)")
                .bind("hashes", candidates)
                .map(row -> row.get("phone_hash", String.class))
                .all()
                .collectList()
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return Mono.just(false);
                    }
                    List<String> outdated = found.stream()
                            .filter(hash -> !hasher.isCurrent(hash))
                            .toList();
                    return outdated.isEmpty()
                            ? Mono.just(true)
                            : rehash(phone, outdated).thenReturn(true);
                });
    }

    /** Stores the opt-out under the active key and removes the outdated rows of the same number. */
    private Mono<Void> rehash(PhoneNumber phone, List<String> outdated) {
        return database.sql("INSERT IGNORE INTO opt_outs (phone_hash, created_at)"
                        + " SELECT :hash, MIN(created_at) FROM opt_outs WHERE phone_hash IN (:outdated)")
                .bind("hash", hasher.hash(phone))
                .bind("outdated", outdated)
                .then()
                .then(database.sql("DELETE FROM opt_outs WHERE phone_hash IN (:outdated)")
                        .bind("outdated", outdated)
                        .then());
    }

    public Mono<Void> optOut(PhoneNumber phone, Instant now) {
        return database.sql("INSERT IGNORE INTO opt_outs (phone_hash, created_at) VALUES (:hash, :now)")
                .bind("hash", hasher.hash(phone))
                .bind("now", toColumn(now))
                .then();
    }

    public Mono<Void> optIn(PhoneNumber phone) {
        return database.sql("DELETE FROM opt_outs WHERE phone_hash IN (:hashes)")
                .bind("hashes", hasher.candidates(phone))
                .then();
    }
}
