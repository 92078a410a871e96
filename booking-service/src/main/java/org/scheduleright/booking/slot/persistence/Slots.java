package org.scheduleright.booking.slot.persistence;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.scheduleright.booking.org.domain.OrgId;
import org.scheduleright.booking.site.domain.SiteId;
import org.scheduleright.booking.slot.domain.Slot;
import org.scheduleright.booking.slot.domain.SlotId;
import org.scheduleright.booking.slot.domain.SlotStatus;
import org.scheduleright.booking.slot.domain.SlotTimes;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The slots of every site, stored in the {@code slots} table; seats are taken and freed with conditional updates. */
@Repository
public class Slots {

    private static final int INSERT_CHUNK = 500;

    private final DatabaseClient db;

    Slots(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts the slots with multi-row inserts; call inside a transaction to make it all-or-nothing. */
    public Mono<List<Slot>> addAll(List<Slot> slots, Instant now) {
        return Flux.fromIterable(chunks(slots))
                .concatMap(chunk -> insert(chunk, now))
                .then(Mono.just(slots));
    }

    private Mono<Void> insert(List<Slot> chunk, Instant now) {
        StringBuilder sql = new StringBuilder(
                "INSERT INTO slots (id, org_id, site_id, start_time, end_time, capacity, booked, status, created_at)"
                        + " VALUES ");
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            Slot slot = chunk.get(i);
            sql.append(i == 0 ? "" : ", ")
                    .append("(:id")
                    .append(i)
                    .append(", :org")
                    .append(i)
                    .append(", :site")
                    .append(i)
                    .append(", :start")
                    .append(i)
                    .append(", :end")
                    .append(i)
                    .append(", :capacity")
                    .append(i)
                    .append(", 0, 'open', :created)");
            values.put("id" + i, slot.id().toString());
            values.put("org" + i, slot.orgId().toString());
            values.put("site" + i, slot.siteId().toString());
            values.put("start" + i, utc(slot.startTime()));
            values.put("end" + i, utc(slot.endTime()));
            values.put("capacity" + i, slot.capacity());
        }
        values.put("created", utc(now));
        return db.sql(sql.toString()).bindValues(values).then();
    }

    /** The slot with this id, unless it was deleted. */
    public Mono<Slot> find(SlotId id) {
        return db.sql("SELECT * FROM slots WHERE id = :id AND status = 'open'")
                .bind("id", id.toString())
                .map(Slots::toDomain)
                .one();
    }

    /** Locks the slot row until the transaction ends and returns it, unless it was deleted. */
    public Mono<Slot> lock(SlotId id) {
        return db.sql("SELECT * FROM slots WHERE id = :id AND status = 'open' FOR UPDATE")
                .bind("id", id.toString())
                .map(Slots::toDomain)
                .one();
    }

    /** The open slots of a site starting in [from, to), with at least {@code minRemaining} seats left. */
    public Flux<Slot> search(SlotSearch search, long offset, int size) {
        return search.bind(db.sql("SELECT * FROM slots WHERE " + search.where()
                        + " ORDER BY start_time, id LIMIT :size OFFSET :offset"))
                .bind("size", size)
                .bind("offset", offset)
                .map(Slots::toDomain)
                .all();
    }

    public Mono<Long> count(SlotSearch search) {
        return search.bind(db.sql("SELECT COUNT(*) AS n FROM slots WHERE " + search.where()))
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /**
     * Takes one seat with a single atomic conditional update: succeeds only while the slot is open, not full and not
     * over at {@code now}.
     */
    public Mono<Boolean> takeSeat(SlotId id, Instant now) {
        return db.sql("UPDATE slots SET booked = booked + 1"
                        + " WHERE id = :id AND booked < capacity AND status = 'open' AND end_time > :now")
                .bind("id", id.toString())
                .bind("now", utc(now))
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    /** Gives one seat back. */
    public Mono<Boolean> freeSeat(SlotId id) {
        return db.sql("UPDATE slots SET booked = booked - 1 WHERE id = :id AND booked > 0")
                .bind("id", id.toString())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    /** Withdraws a slot; its bookings keep their history. */
    public Mono<Boolean> delete(SlotId id) {
        return db.sql("UPDATE slots SET status = 'deleted' WHERE id = :id AND status = 'open'")
                .bind("id", id.toString())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    private static List<List<Slot>> chunks(List<Slot> slots) {
        List<List<Slot>> chunks = new java.util.ArrayList<>();
        for (int i = 0; i < slots.size(); i += INSERT_CHUNK) {
            chunks.add(slots.subList(i, Math.min(slots.size(), i + INSERT_CHUNK)));
        }
        return chunks;
    }

    private static Slot toDomain(Readable row) {
        return new Slot(
                new SlotId(UUID.fromString(row.get("id", String.class))),
                new OrgId(UUID.fromString(row.get("org_id", String.class))),
                new SiteId(UUID.fromString(row.get("site_id", String.class))),
                new SlotTimes(
                        row.get("start_time", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                        row.get("end_time", LocalDateTime.class).toInstant(ZoneOffset.UTC)),
                row.get("capacity", Integer.class),
                row.get("booked", Integer.class),
                SlotStatus.fromWireName(row.get("status", String.class)));
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
