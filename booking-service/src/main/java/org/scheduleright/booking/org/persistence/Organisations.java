package org.scheduleright.booking.org.persistence;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.scheduleright.booking.org.domain.OrgId;
import org.scheduleright.booking.org.domain.Organisation;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The organisations, stored in the {@code orgs} table. */
@Repository
public class Organisations {

    private final DatabaseClient db;

    Organisations(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Organisation> add(Organisation org) {
        return db.sql("INSERT INTO orgs (id, name, timezone, settings, created_at, updated_at)"
                        + " VALUES (:id, :name, :timezone, :settings, :created, :updated)")
                .bind("id", org.id().toString())
                .bind("name", org.name())
                .bind("timezone", org.timezone().getId())
                .bind("settings", Parameter.fromOrEmpty(org.settingsJson(), String.class))
                .bind("created", utc(org.createdAt()))
                .bind("updated", utc(org.updatedAt()))
                .then()
                .thenReturn(org);
    }

    public Mono<Organisation> find(OrgId id) {
        return db.sql("SELECT * FROM orgs WHERE id = :id")
                .bind("id", id.toString())
                .map(Organisations::toDomain)
                .one();
    }

    public Flux<Organisation> page(long offset, int size) {
        return db.sql("SELECT * FROM orgs ORDER BY created_at, id LIMIT :size OFFSET :offset")
                .bind("size", size)
                .bind("offset", offset)
                .map(Organisations::toDomain)
                .all();
    }

    public Mono<Long> count() {
        return db.sql("SELECT COUNT(*) AS n FROM orgs")
                .map(row -> row.get("n", Long.class))
                .one();
    }

    private static Organisation toDomain(Readable row) {
        return new Organisation(
                new OrgId(UUID.fromString(row.get("id", String.class))),
                row.get("name", String.class),
                ZoneId.of(row.get("timezone", String.class)),
                row.get("settings", String.class),
                instant(row.get("created_at", LocalDateTime.class)),
                instant(row.get("updated_at", LocalDateTime.class)));
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }
}
