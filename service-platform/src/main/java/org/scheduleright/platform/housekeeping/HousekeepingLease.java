package org.scheduleright.platform.housekeeping;

import java.time.Duration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * A lease in the service's {@code housekeeping_lease} table, timed by the database clock, so that one replica at a
 * time purges: a replica holds it while its lease is unexpired and renews it before every batch.
 */
public class HousekeepingLease {

    private final DatabaseClient db;

    private final String name;

    public HousekeepingLease(DatabaseClient db, String name) {
        this.db = db;
        this.name = name;
    }

    /** Takes or renews the lease for {@code owner}; true when {@code owner} now holds it for {@code duration}. */
    public Mono<Boolean> acquire(String owner, Duration duration) {
        Mono<Long> seed = db.sql("INSERT IGNORE INTO housekeeping_lease (name, owner, expires_at)"
                        + " VALUES (:name, NULL, UTC_TIMESTAMP(6))")
                .bind("name", name)
                .fetch()
                .rowsUpdated();
        Mono<Boolean> take = db.sql("UPDATE housekeeping_lease SET owner = :owner,"
                        + " expires_at = DATE_ADD(UTC_TIMESTAMP(6), INTERVAL :micros MICROSECOND)"
                        + " WHERE name = :name AND (owner = :owner OR owner IS NULL OR expires_at < UTC_TIMESTAMP(6))")
                .bind("owner", owner)
                .bind("micros", duration.toNanos() / 1000)
                .bind("name", name)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
        return seed.then(take);
    }

    /** Gives the lease up if {@code owner} holds it. */
    public Mono<Void> release(String owner) {
        return db.sql("UPDATE housekeeping_lease SET owner = NULL, expires_at = UTC_TIMESTAMP(6)"
                        + " WHERE name = :name AND owner = :owner")
                .bind("name", name)
                .bind("owner", owner)
                .then();
    }
}
