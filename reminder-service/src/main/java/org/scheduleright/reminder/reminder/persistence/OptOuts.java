package org.scheduleright.reminder.reminder.persistence;

import static org.scheduleright.reminder.support.UtcTimes.toColumn;

import java.time.Instant;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Numbers that opted out of SMS, kept only as hashes. */
@Repository
public class OptOuts {

    private final DatabaseClient database;

    OptOuts(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Boolean> isOptedOut(PhoneNumber phone) {
        return database.sql("SELECT COUNT(*) AS n FROM opt_outs WHERE phone_hash = :hash")
                .bind("hash", phone.hash())
                .map(row -> row.get("n", Long.class))
                .one()
                .map(count -> count > 0);
    }

    public Mono<Void> optOut(PhoneNumber phone, Instant now) {
        return database.sql("INSERT IGNORE INTO opt_outs (phone_hash, created_at) VALUES (:hash, :now)")
                .bind("hash", phone.hash())
                .bind("now", toColumn(now))
                .then();
    }

    public Mono<Void> optIn(PhoneNumber phone) {
        return database.sql("DELETE FROM opt_outs WHERE phone_hash = :hash")
                .bind("hash", phone.hash())
                .then();
    }
}
