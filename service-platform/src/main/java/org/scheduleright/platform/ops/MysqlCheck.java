package org.scheduleright.platform.ops;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Probes the service's own MySQL database with a trivial query over its R2DBC pool. */
final class MysqlCheck implements DependencyCheck {

    private final DatabaseClient database;

    MysqlCheck(DatabaseClient database) {
        this.database = database;
    }

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public Mono<Void> probe() {
        return database.sql("SELECT 1").fetch().rowsUpdated().then();
    }
}
