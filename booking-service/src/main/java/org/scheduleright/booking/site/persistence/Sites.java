package org.scheduleright.booking.site.persistence;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.scheduleright.booking.org.domain.OrgId;
import org.scheduleright.booking.site.domain.Site;
import org.scheduleright.booking.site.domain.SiteId;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The sites of every organisation, stored in the {@code sites} table. */
@Repository
public class Sites {

    private final DatabaseClient db;

    Sites(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Site> add(Site site) {
        return db.sql("INSERT INTO sites (id, org_id, name, address, timezone, created_at, updated_at)"
                        + " VALUES (:id, :org, :name, :address, :timezone, :created, :updated)")
                .bind("id", site.id().toString())
                .bind("org", site.orgId().toString())
                .bind("name", site.name())
                .bind("address", Parameter.fromOrEmpty(site.address(), String.class))
                .bind("timezone", site.timezone().getId())
                .bind("created", utc(site.createdAt()))
                .bind("updated", utc(site.updatedAt()))
                .then()
                .thenReturn(site);
    }

    public Mono<Site> find(SiteId id) {
        return db.sql("SELECT * FROM sites WHERE id = :id")
                .bind("id", id.toString())
                .map(Sites::toDomain)
                .one();
    }

    public Flux<Site> ofOrganisation(OrgId org, long offset, int size) {
        return db.sql("SELECT * FROM sites WHERE org_id = :org ORDER BY created_at, id LIMIT :size OFFSET :offset")
                .bind("org", org.toString())
                .bind("size", size)
                .bind("offset", offset)
                .map(Sites::toDomain)
                .all();
    }

    public Mono<Long> countOfOrganisation(OrgId org) {
        return db.sql("SELECT COUNT(*) AS n FROM sites WHERE org_id = :org")
                .bind("org", org.toString())
                .map(row -> row.get("n", Long.class))
                .one();
    }

    private static Site toDomain(Readable row) {
        return new Site(
                new SiteId(UUID.fromString(row.get("id", String.class))),
                new OrgId(UUID.fromString(row.get("org_id", String.class))),
                row.get("name", String.class),
                row.get("address", String.class),
                ZoneId.of(row.get("timezone", String.class)),
                row.get("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                row.get("updated_at", LocalDateTime.class).toInstant(ZoneOffset.UTC));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
