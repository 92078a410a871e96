package org.scheduleright.booking.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scheduleright.booking.BookingIntegrationTest;
import org.scheduleright.platform.housekeeping.Housekeeping;
import org.scheduleright.platform.housekeeping.Purge;
import org.scheduleright.platform.testing.Housekeepings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Issue 17 item 6 on the real MariaDB: events Kafka acknowledged more than {@code sent-retention} (7 days) ago and
 * idempotency keys older than theirs (24 hours) are purged by the platform housekeeping; newer ones stay.
 */
class OutboxHousekeepingIntegrationTests extends BookingIntegrationTest {

    @Autowired
    List<Purge> purges;

    @Autowired
    DatabaseClient database;

    private final Instant now = Instant.now();

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private String sentEvent(Instant sentAt) {
        String id = UUID.randomUUID().toString();
        database.sql("INSERT INTO outbox (event_id, topic, event_type, source, subject, event_time, payload,"
                        + " created_at, sent_at) VALUES (:id, 'scheduleright.bookings.v1',"
                        + " 'org.scheduleright.booking.created.v1', '/booking-service', :subject, :at, '{}', :at,"
                        + " :sent)")
                .bind("id", id)
                .bind("subject", UUID.randomUUID().toString())
                .bind("at", utc(sentAt.minusSeconds(1)))
                .bind("sent", utc(sentAt))
                .then()
                .block();
        return id;
    }

    private String idempotencyKey(Instant createdAt) {
        String key = "housekeeping-" + UUID.randomUUID();
        database.sql("INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, booking_id, created_at)"
                        + " VALUES ('test', :key, :hash, :booking, :created)")
                .bind("key", key)
                .bind("hash", "0".repeat(64))
                .bind("booking", UUID.randomUUID().toString())
                .bind("created", utc(createdAt))
                .then()
                .block();
        return key;
    }

    @Test
    void purgesSentEventsAndExpiredIdempotencyKeysPastTheirRetention() {
        String oldEvent = sentEvent(now.minus(Duration.ofDays(8)));
        String recentEvent = sentEvent(now.minus(Duration.ofDays(1)));
        String oldKey = idempotencyKey(now.minus(Duration.ofHours(30)));
        String recentKey = idempotencyKey(now.minus(Duration.ofHours(2)));

        Housekeeping.Run run = Housekeepings.runOnce(database, purges, 100);

        assertThat(run)
                .isInstanceOfSatisfying(
                        Housekeeping.Run.Done.class,
                        done -> assertThat(done.deleted())
                                .containsOnlyKeys("outbox", "idempotency-keys", "processed-reply-events"));
        assertThat(Housekeepings.exists(database, "outbox", "event_id", oldEvent))
                .isFalse();
        assertThat(Housekeepings.exists(database, "outbox", "event_id", recentEvent))
                .isTrue();
        assertThat(Housekeepings.exists(database, "idempotency_keys", "idempotency_key", oldKey))
                .isFalse();
        assertThat(Housekeepings.exists(database, "idempotency_keys", "idempotency_key", recentKey))
                .isTrue();
    }
}
