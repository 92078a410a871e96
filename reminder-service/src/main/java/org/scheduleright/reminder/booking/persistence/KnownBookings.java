package org.scheduleright.reminder.booking.persistence;

import static org.scheduleright.reminder.support.UtcTimes.fromColumn;
import static org.scheduleright.reminder.support.UtcTimes.toColumn;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.scheduleright.events.booking.BookingStatus;
import org.scheduleright.events.contact.EncryptedContact;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The bookings table: the latest known state per booking, and the ledger of booking events already applied. */
@Repository
public class KnownBookings {

    private final DatabaseClient database;

    KnownBookings(DatabaseClient database) {
        this.database = database;
    }

    /** Records an event id as processed; emits false when it was processed before. */
    public Mono<Boolean> markProcessed(UUID eventId, String type, UUID bookingId, Instant now) {
        return database.sql("INSERT IGNORE INTO processed_events (ce_id, ce_type, booking_id, processed_at)"
                        + " VALUES (:id, :type, :booking, :now)")
                .bind("id", eventId.toString())
                .bind("type", type)
                .bind("booking", bookingId.toString())
                .bind("now", toColumn(now))
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** Finds a booking by id, locking its row until the transaction ends. */
    public Mono<KnownBooking> findForUpdate(UUID bookingId) {
        return database.sql("SELECT * FROM bookings WHERE booking_id = :id FOR UPDATE")
                .bind("id", bookingId.toString())
                .map(KnownBookings::read)
                .one();
    }

    /**
     * The time zone of the organisation's most recently changed booking, i.e. of one of its sites: where a message
     * to a bare number is assumed to be read when the sender names no time zone.
     */
    public Mono<ZoneId> latestTimezoneOf(UUID orgId) {
        return database.sql("SELECT timezone FROM bookings WHERE org_id = :org ORDER BY updated_at DESC LIMIT 1")
                .bind("org", orgId.toString())
                .map(row -> ZoneId.of(row.get("timezone", String.class)))
                .one();
    }

    public Mono<KnownBooking> find(UUID bookingId) {
        return database.sql("SELECT * FROM bookings WHERE booking_id = :id")
                .bind("id", bookingId.toString())
                .map(KnownBookings::read)
                .one();
    }

    /**
     * Inserts or replaces the booking's state and the keyed hash ({@code PhoneHasher}) of its number (null: none) in
     * one statement.
     */
    public Mono<Void> save(KnownBooking booking, String phoneHash, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("INSERT INTO bookings (booking_id, org_id, site_id,"
                        + " status, start_time, end_time, timezone, site_name, contact, last_event_at, last_event_id,"
                        + " updated_at, phone_hash) VALUES (:id, :org, :site, :status, :start, :end, :zone, :siteName,"
                        + " :contact, :eventAt, :eventId, :now, :hash) ON DUPLICATE KEY UPDATE org_id = :org,"
                        + " site_id = :site, status = :status, start_time = :start, end_time = :end, timezone = :zone,"
                        + " site_name = COALESCE(:siteName, site_name), contact = :contact, last_event_at = :eventAt, last_event_id = :eventId, updated_at = :now,"
                        + " phone_hash = :hash")
                .bind("id", booking.bookingId().toString())
                .bind("org", booking.orgId().toString())
                .bind("site", booking.siteId().toString())
                .bind("status", booking.status().wireName())
                .bind("start", toColumn(booking.startTime()))
                .bind("end", toColumn(booking.endTime()))
                .bind("zone", booking.timezone().getId())
                .bind("contact", booking.contact().token())
                .bind("eventAt", toColumn(booking.lastEventAt()))
                .bind("eventId", booking.lastEventId().toString())
                .bind("now", toColumn(now));
        spec = bindSiteName(spec, booking);
        spec = phoneHash == null ? spec.bindNull("hash", String.class) : spec.bind("hash", phoneHash);
        return spec.then();
    }

    /** Inserts or replaces the booking's state, leaving a stored phone hash as it is. */
    public Mono<Void> save(KnownBooking booking, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = database.sql(
                        "INSERT INTO bookings (booking_id, org_id, site_id, status, start_time, end_time, timezone,"
                                + " site_name, contact, last_event_at, last_event_id, updated_at)"
                                + " VALUES (:id, :org, :site, :status, :start, :end, :zone, :siteName, :contact, :eventAt,"
                                + " :eventId, :now) ON DUPLICATE KEY UPDATE org_id = :org, site_id = :site, status = :status,"
                                + " start_time = :start, end_time = :end, timezone = :zone,"
                                + " site_name = COALESCE(:siteName, site_name), contact = :contact,"
                                + " last_event_at = :eventAt, last_event_id = :eventId, updated_at = :now")
                .bind("id", booking.bookingId().toString())
                .bind("org", booking.orgId().toString())
                .bind("site", booking.siteId().toString())
                .bind("status", booking.status().wireName())
                .bind("start", toColumn(booking.startTime()))
                .bind("end", toColumn(booking.endTime()))
                .bind("zone", booking.timezone().getId())
                .bind("contact", booking.contact().token())
                .bind("eventAt", toColumn(booking.lastEventAt()))
                .bind("eventId", booking.lastEventId().toString())
                .bind("now", toColumn(now));
        return bindSiteName(spec, booking).then();
    }

    /**
     * The site's name as the event carried it; an event without one (published before names were carried) keeps the
     * stored name, so the latest event that named the site wins.
     */
    private static DatabaseClient.GenericExecuteSpec bindSiteName(
            DatabaseClient.GenericExecuteSpec spec, KnownBooking booking) {
        return booking.siteName() == null
                ? spec.bindNull("siteName", String.class)
                : spec.bind("siteName", booking.siteName());
    }

    /** Stores the keyed hash ({@code PhoneHasher}) of the booking's number (null: none), so that a STOP can find its reminders. */
    public Mono<Void> rememberPhoneHash(UUID bookingId, String phoneHash) {
        DatabaseClient.GenericExecuteSpec spec = database.sql(
                        "UPDATE bookings SET phone_hash = :hash WHERE booking_id = :id")
                .bind("id", bookingId.toString());
        spec = phoneHash == null ? spec.bindNull("hash", String.class) : spec.bind("hash", phoneHash);
        return spec.then();
    }

    private static KnownBooking read(Readable row) {
        return new KnownBooking(
                UUID.fromString(row.get("booking_id", String.class)),
                UUID.fromString(row.get("org_id", String.class)),
                UUID.fromString(row.get("site_id", String.class)),
                BookingStatus.fromWireName(row.get("status", String.class)),
                fromColumn(row.get("start_time", LocalDateTime.class)),
                fromColumn(row.get("end_time", LocalDateTime.class)),
                ZoneId.of(row.get("timezone", String.class)),
                row.get("site_name", String.class),
                new EncryptedContact(row.get("contact", String.class)),
                fromColumn(row.get("last_event_at", LocalDateTime.class)),
                UUID.fromString(row.get("last_event_id", String.class)));
    }
}
