package org.scheduleright.reminder.reminder.persistence;

import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The rows whose {@code phone_hash} was not made with the active key (legacy plain SHA-256, or an older key), with the
 * encrypted contact their number can be read from, so that the service can rehash them.
 */
@Repository
public class PhoneHashRows {

    /** One row due for rehashing: where it lives, its id, its stored hash and the contact token holding its number. */
    public record Outdated(String table, String id, String phoneHash, String contactToken) {}

    private final DatabaseClient database;

    PhoneHashRows(DatabaseClient database) {
        this.database = database;
    }

    /** Up to {@code limit} bookings after {@code afterId} (in id order) whose hash is not under {@code keyId}. */
    public Mono<List<Outdated>> bookings(String keyId, String afterId, int limit) {
        return outdated(
                "bookings",
                "SELECT booking_id AS id, phone_hash, contact FROM bookings WHERE phone_hash IS NOT NULL"
                        + " AND LEFT(phone_hash, :length) <> :prefix AND booking_id > :after"
                        + " ORDER BY booking_id LIMIT :limit",
                keyId,
                afterId,
                limit);
    }

    /**
     * Up to {@code limit} reminders after {@code afterId} whose hash is not under {@code keyId}, each with its own
     * recipient or else its booking's contact.
     */
    public Mono<List<Outdated>> reminders(String keyId, String afterId, int limit) {
        return outdated(
                "reminders",
                "SELECT r.id, r.phone_hash, COALESCE(r.recipient, b.contact) AS contact FROM reminders r"
                        + " LEFT JOIN bookings b ON b.booking_id = r.booking_id WHERE r.phone_hash IS NOT NULL"
                        + " AND LEFT(r.phone_hash, :length) <> :prefix AND r.id > :after ORDER BY r.id LIMIT :limit",
                keyId,
                afterId,
                limit);
    }

    private Mono<List<Outdated>> outdated(String table, String sql, String keyId, String afterId, int limit) {
        return database.sql(sql)
                .bind("length", keyId.length() + 1)
                .bind("prefix", keyId + ":")
                .bind("after", afterId)
                .bind("limit", limit)
                .map(row -> new Outdated(
                        table,
                        row.get("id", String.class),
                        row.get("phone_hash", String.class),
                        row.get("contact", String.class)))
                .all()
                .collectList();
    }

    /** Replaces the row's hash, unless someone else changed it meanwhile; null clears it. */
    public Mono<Void> replace(Outdated row, String newHash) {
        String key = row.table().equals("bookings") ? "booking_id" : "id";
        DatabaseClient.GenericExecuteSpec spec = database.sql("UPDATE " + row.table() + " SET phone_hash = :hash WHERE "
                        + key + " = :id AND phone_hash = :old")
                .bind("id", row.id())
                .bind("old", row.phoneHash());
        spec = newHash == null ? spec.bindNull("hash", String.class) : spec.bind("hash", newHash);
        return spec.then();
    }
}
