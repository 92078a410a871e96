package org.scheduleright.booking.booking.persistence;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.scheduleright.booking.booking.domain.Booking;
import org.scheduleright.booking.booking.domain.BookingId;
import org.scheduleright.booking.booking.domain.ClientDetails;
import org.scheduleright.booking.org.domain.OrgId;
import org.scheduleright.booking.site.domain.SiteId;
import org.scheduleright.booking.slot.domain.SlotId;
import org.scheduleright.booking.slot.domain.SlotTimes;
import org.scheduleright.events.booking.BookingSource;
import org.scheduleright.events.booking.BookingStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The bookings of every site, stored in the {@code bookings} table. */
@Repository
public class Bookings {

    private final DatabaseClient db;

    Bookings(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Booking> add(Booking booking) {
        GenericExecuteSpec insert = db.sql(
                        "INSERT INTO bookings (id, org_id, site_id, slot_id, status, source, client_user_id,"
                                + " client_name, client_email, client_phone, notes, staff_notes, start_time, end_time, timezone,"
                                + " created_at, updated_at, confirmed_at, cancelled_at, cancel_reason) VALUES (:id, :org, :site,"
                                + " :slot, :status, :source, :clientUser, :name, :email, :phone, :notes, :staffNotes, :start,"
                                + " :end, :timezone, :created, :updated, :confirmed, :cancelled, :cancelReason)")
                .bind("org", booking.orgId().toString())
                .bind("site", booking.siteId().toString())
                .bind("source", booking.source().wireName())
                .bind("clientUser", Parameter.fromOrEmpty(booking.clientUserId(), String.class))
                .bind("name", booking.client().name())
                .bind("email", Parameter.fromOrEmpty(booking.client().email(), String.class))
                .bind("phone", Parameter.fromOrEmpty(booking.client().phone(), String.class))
                .bind("notes", Parameter.fromOrEmpty(booking.notes(), String.class))
                .bind("timezone", booking.timezone().getId())
                .bind("created", utc(booking.createdAt()));
        return mutable(booking).apply(insert).then().thenReturn(booking);
    }

    /** Writes the columns a lifecycle transition may change. */
    public Mono<Booking> update(Booking booking) {
        GenericExecuteSpec update =
                db.sql("UPDATE bookings SET slot_id = :slot, status = :status, staff_notes = :staffNotes,"
                        + " start_time = :start, end_time = :end, updated_at = :updated, confirmed_at = :confirmed,"
                        + " cancelled_at = :cancelled, cancel_reason = :cancelReason WHERE id = :id");
        return mutable(booking).apply(update).then().thenReturn(booking);
    }

    private static java.util.function.UnaryOperator<GenericExecuteSpec> mutable(Booking booking) {
        return spec -> spec.bind("id", booking.id().toString())
                .bind("slot", booking.slotId().toString())
                .bind("status", booking.status().wireName())
                .bind("staffNotes", Parameter.fromOrEmpty(booking.staffNotes(), String.class))
                .bind("start", utc(booking.times().start()))
                .bind("end", utc(booking.times().end()))
                .bind("updated", utc(booking.updatedAt()))
                .bind("confirmed", Parameter.fromOrEmpty(utc(booking.confirmedAt()), LocalDateTime.class))
                .bind("cancelled", Parameter.fromOrEmpty(utc(booking.cancelledAt()), LocalDateTime.class))
                .bind("cancelReason", Parameter.fromOrEmpty(booking.cancelReason(), String.class));
    }

    public Mono<Booking> find(BookingId id) {
        return db.sql("SELECT * FROM bookings WHERE id = :id")
                .bind("id", id.toString())
                .map(Bookings::toDomain)
                .one();
    }

    /** Locks the booking row until the transaction ends and returns it. */
    public Mono<Booking> lock(BookingId id) {
        return db.sql("SELECT * FROM bookings WHERE id = :id FOR UPDATE")
                .bind("id", id.toString())
                .map(Bookings::toDomain)
                .one();
    }

    public Flux<Booking> search(BookingSearch search, long offset, int size) {
        return search.bind(db.sql("SELECT * FROM bookings WHERE " + search.where()
                        + " ORDER BY start_time, id LIMIT :size OFFSET :offset"))
                .bind("size", size)
                .bind("offset", offset)
                .map(Bookings::toDomain)
                .all();
    }

    public Mono<Long> count(BookingSearch search) {
        return search.bind(db.sql("SELECT COUNT(*) AS n FROM bookings WHERE " + search.where()))
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /** How many pending or confirmed bookings hold a seat of the slot. */
    public Mono<Long> countActiveIn(SlotId slot) {
        return db.sql("SELECT COUNT(*) AS n FROM bookings WHERE slot_id = :slot AND status IN ('pending', 'confirmed')")
                .bind("slot", slot.toString())
                .map(row -> row.get("n", Long.class))
                .one();
    }

    static Booking toDomain(Readable row) {
        return new Booking(
                new BookingId(UUID.fromString(row.get("id", String.class))),
                new OrgId(UUID.fromString(row.get("org_id", String.class))),
                new SiteId(UUID.fromString(row.get("site_id", String.class))),
                new SlotId(UUID.fromString(row.get("slot_id", String.class))),
                BookingStatus.fromWireName(row.get("status", String.class)),
                BookingSource.fromWireName(row.get("source", String.class)),
                row.get("client_user_id", String.class),
                new ClientDetails(
                        row.get("client_name", String.class),
                        row.get("client_email", String.class),
                        row.get("client_phone", String.class)),
                row.get("notes", String.class),
                row.get("staff_notes", String.class),
                new SlotTimes(
                        instant(row.get("start_time", LocalDateTime.class)),
                        instant(row.get("end_time", LocalDateTime.class))),
                ZoneId.of(row.get("timezone", String.class)),
                instant(row.get("created_at", LocalDateTime.class)),
                instant(row.get("updated_at", LocalDateTime.class)),
                instant(row.get("confirmed_at", LocalDateTime.class)),
                instant(row.get("cancelled_at", LocalDateTime.class)),
                row.get("cancel_reason", String.class));
    }

    static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }
}
