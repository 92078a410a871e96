package org.scheduleright.platform.outbox;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.scheduleright.events.EncodedEvent;
import org.scheduleright.events.EventEnvelope;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The transactional outbox: events appended in the transaction of the state change they describe, read back in
 * insertion order by the relay and marked sent once Kafka acknowledged them.
 */
public class Outbox {

    private final DatabaseClient db;

    public Outbox(DatabaseClient db) {
        this.db = db;
    }

    /** An event waiting in the outbox, with its position. */
    public record StoredEvent(long position, EncodedEvent event, Instant createdAt) {}

    /** How many events wait and how long the oldest has waited. */
    public record Backlog(long events, double oldestAgeSeconds) {}

    /** Appends an event; call inside the transaction of the change it describes. */
    public Mono<Void> append(EncodedEvent event, Instant now) {
        EventEnvelope envelope = event.envelope();
        return db.sql("INSERT INTO outbox (event_id, topic, event_type, source, subject, event_time, traceparent,"
                        + " payload, created_at) VALUES (:id, :topic, :type, :source, :subject, :time, :traceparent,"
                        + " :payload, :created)")
                .bind("id", envelope.id().toString())
                .bind("topic", event.topic())
                .bind("type", envelope.type())
                .bind("source", envelope.source())
                .bind("subject", envelope.subject())
                .bind("time", utc(envelope.time()))
                .bind("traceparent", Parameter.fromOrEmpty(envelope.traceparent(), String.class))
                .bind("payload", event.json())
                .bind("created", utc(now))
                .then();
    }

    /** The oldest unsent events, in the order they were appended. */
    public Flux<StoredEvent> unsent(int limit) {
        return db.sql("SELECT * FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT :limit")
                .bind("limit", limit)
                .map(row -> new StoredEvent(
                        row.get("id", Long.class),
                        EncodedEvent.of(
                                row.get("topic", String.class),
                                new EventEnvelope(
                                        UUID.fromString(row.get("event_id", String.class)),
                                        row.get("source", String.class),
                                        row.get("event_type", String.class),
                                        row.get("subject", String.class),
                                        row.get("event_time", LocalDateTime.class)
                                                .toInstant(ZoneOffset.UTC),
                                        row.get("traceparent", String.class)),
                                row.get("payload", String.class)),
                        row.get("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC)))
                .all();
    }

    public Mono<Long> markSent(List<Long> positions, Instant now) {
        if (positions.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("UPDATE outbox SET sent_at = :now WHERE id IN (:ids) AND sent_at IS NULL")
                .bind("now", utc(now))
                .bind("ids", positions)
                .fetch()
                .rowsUpdated();
    }

    public Mono<Backlog> backlog() {
        return db.sql("SELECT COUNT(*) AS n, TIMESTAMPDIFF(MICROSECOND, MIN(created_at), UTC_TIMESTAMP(6)) AS age"
                        + " FROM outbox WHERE sent_at IS NULL")
                .map(row -> {
                    Number age = row.get("age", Number.class);
                    return new Backlog(
                            row.get("n", Long.class), age == null ? 0 : Math.max(0, age.longValue()) / 1_000_000.0);
                })
                .one();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
