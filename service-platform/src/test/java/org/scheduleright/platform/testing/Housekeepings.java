package org.scheduleright.platform.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.scheduleright.platform.housekeeping.Housekeeping;
import org.scheduleright.platform.housekeeping.HousekeepingLease;
import org.scheduleright.platform.housekeeping.HousekeepingProperties;
import org.scheduleright.platform.housekeeping.Purge;
import org.springframework.r2dbc.core.DatabaseClient;

/** One housekeeping run of a service's purges on its real database, and a row check, for purge tests. */
public final class Housekeepings {

    private Housekeepings() {}

    /** Runs every purge once under a lease of its own, in batches of 100, at most {@code maxBatches} per purge. */
    public static Housekeeping.Run runOnce(DatabaseClient database, List<Purge> purges, int maxBatches) {
        return new Housekeeping(
                        purges,
                        new HousekeepingLease(
                                database, "test-" + UUID.randomUUID().toString().substring(0, 20)),
                        new HousekeepingProperties(
                                true,
                                Duration.ofMinutes(1),
                                Duration.ofMinutes(10),
                                100,
                                maxBatches,
                                Duration.ofMinutes(1),
                                "test"),
                        Clock.systemUTC(),
                        new SimpleMeterRegistry())
                .runOnce()
                .block();
    }

    /** Whether the table holds a row whose {@code column} is {@code id}. */
    public static boolean exists(DatabaseClient database, String table, String column, String id) {
        return database.sql("SELECT COUNT(*) AS n FROM " + table + " WHERE " + column + " = :id")
                        .bind("id", id)
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block()
                > 0;
    }
}
