package org.scheduleright.platform.outbox;

import java.time.Duration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The leader lease of the outbox relay, one row timed by the database clock: only the instance holding an unexpired
 * lease publishes, so events leave in one order.
 */
public class RelayLease {

    private final DatabaseClient db;

    private final String name;

    /** @param name the lease row's name, inserted by the service's changelog (such as {@code booking-outbox-relay}) */
    public RelayLease(DatabaseClient db, String name) {
        this.db = db;
        this.name = name;
    }

    /** Takes or renews the lease for {@code owner}; true when {@code owner} now holds it for {@code duration}. */
    public Mono<Boolean> acquire(String owner, Duration duration) {
        return db.sql("UPDATE outbox_relay_lease SET owner = :owner,"
                        + " expires_at = DATE_ADD(UTC_TIMESTAMP(6), INTERVAL :micros MICROSECOND)"
                        + " WHERE name = :name AND (owner = :owner OR owner IS NULL OR expires_at < UTC_TIMESTAMP(6))")
                .bind("owner", owner)
                .bind("micros", duration.toNanos() / 1000)
                .bind("name", name)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    /** Gives the lease up if {@code owner} holds it. */
    public Mono<Void> release(String owner) {
        return db.sql("UPDATE outbox_relay_lease SET owner = NULL, expires_at = UTC_TIMESTAMP(6)"
                        + " WHERE name = :name AND owner = :owner")
                .bind("name", name)
                .bind("owner", owner)
                .then();
    }
}
