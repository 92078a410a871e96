package org.scheduleright.reminder.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.scheduleright.platform.housekeeping.Housekeeping;
import org.scheduleright.platform.housekeeping.HousekeepingLease;
import org.scheduleright.platform.housekeeping.HousekeepingProperties;
import org.scheduleright.platform.housekeeping.Purge;
import org.scheduleright.reminder.ReminderIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The platform housekeeping on the reminder-service's real MariaDB: rows past their retention go, rows inside it and
 * rows still needed stay, each statement and each run is bounded, and two instances never purge at once.
 */
class HousekeepingIntegrationTests extends ReminderIntegrationTest {

    @Autowired
    List<Purge> purges;

    @Autowired
    DatabaseClient database;

    private final Instant now = Instant.now();

    private Housekeeping housekeeping(String lease, List<Purge> purges, int batchSize, int maxBatches) {
        return new Housekeeping(
                purges,
                new HousekeepingLease(database, lease),
                new HousekeepingProperties(
                        true,
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(10),
                        batchSize,
                        maxBatches,
                        Duration.ofMinutes(2),
                        "test"),
                Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    private static String lease() {
        return "test-" + UUID.randomUUID().toString().substring(0, 20);
    }

    private Purge purge(String name) {
        return purges.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private UUID processedEvent(Instant processedAt) {
        UUID id = UUID.randomUUID();
        database.sql("INSERT INTO processed_events (ce_id, ce_type, booking_id, processed_at)"
                        + " VALUES (:id, 'org.scheduleright.booking.created.v1', :booking, :at)")
                .bind("id", id.toString())
                .bind("booking", UUID.randomUUID().toString())
                .bind("at", utc(processedAt))
                .then()
                .block();
        return id;
    }

    private UUID reminder(UUID bookingId, String status, Instant updatedAt) {
        UUID id = UUID.randomUUID();
        database.sql("INSERT INTO reminders (id, booking_id, org_id, lead_time_hours, appointment_start, planned_at,"
                        + " status, created_at, updated_at) VALUES (:id, :booking, :org, NULL, :at, :planned, :status,"
                        + " :at, :at)")
                .bind("id", id.toString())
                // a scheduled one is due in a year, so that no other test's dispatch round claims it
                .bind("planned", utc(status.equals("scheduled") ? now.plus(Duration.ofDays(365)) : updatedAt))
                .bind("booking", bookingId.toString())
                .bind("org", UUID.randomUUID().toString())
                .bind("status", status)
                .bind("at", utc(updatedAt))
                .then()
                .block();
        return id;
    }

    private UUID booking(Instant endTime) {
        UUID id = UUID.randomUUID();
        database.sql("INSERT INTO bookings (booking_id, org_id, site_id, status, start_time, end_time, timezone,"
                        + " contact, last_event_at, last_event_id, updated_at) VALUES (:id, :org, :site, 'completed',"
                        + " :start, :end, 'Europe/Paris', 'not-a-real-jwe', :end, :event, :end)")
                .bind("id", id.toString())
                .bind("org", UUID.randomUUID().toString())
                .bind("site", UUID.randomUUID().toString())
                .bind("start", utc(endTime.minus(Duration.ofMinutes(30))))
                .bind("end", utc(endTime))
                .bind("event", UUID.randomUUID().toString())
                .then()
                .block();
        return id;
    }

    private boolean exists(String table, String column, UUID id) {
        return database.sql("SELECT COUNT(*) AS n FROM " + table + " WHERE " + column + " = :id")
                        .bind("id", id.toString())
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block()
                > 0;
    }

    @Test
    void deletesRowsPastTheirRetentionAndKeepsTheRest() {
        Instant longAgo = now.minus(Duration.ofDays(120));
        UUID oldEvent = processedEvent(now.minus(Duration.ofDays(20)));
        UUID recentEvent = processedEvent(now.minus(Duration.ofDays(5)));
        UUID oldBooking = booking(longAgo);
        UUID oldBookingStillAwaited = booking(longAgo);
        UUID recentBooking = booking(now.minus(Duration.ofDays(2)));
        UUID oldSent = reminder(oldBooking, "sent", longAgo);
        UUID oldDelivered = reminder(oldBooking, "delivered", longAgo);
        UUID oldScheduled = reminder(oldBookingStillAwaited, "scheduled", longAgo);
        UUID recentSent = reminder(recentBooking, "sent", now.minus(Duration.ofDays(2)));

        Housekeeping.Run run =
                housekeeping(lease(), purges, 1000, 100).runOnce().block();

        assertThat(run).isInstanceOfSatisfying(Housekeeping.Run.Done.class, done -> {
            assertThat(done.leaseLost()).isFalse();
            assertThat(done.deleted())
                    // the platform's outbox purge and the inbound replies' run here too; this test writes no rows of
                    // theirs
                    .containsOnlyKeys(
                            "processed-events", "finished-reminders", "known-bookings", "outbox", "inbound-replies");
            assertThat(done.deleted())
                    .extractingByKeys("processed-events", "finished-reminders", "known-bookings")
                    .allSatisfy(count -> assertThat(count).isPositive());
        });
        assertThat(exists("processed_events", "ce_id", oldEvent))
                .as("past 14 days")
                .isFalse();
        assertThat(exists("processed_events", "ce_id", recentEvent)).isTrue();
        assertThat(exists("reminders", "id", oldSent)).isFalse();
        assertThat(exists("reminders", "id", oldDelivered)).isFalse();
        assertThat(exists("reminders", "id", oldScheduled))
                .as("not finished: still to send")
                .isTrue();
        assertThat(exists("reminders", "id", recentSent)).isTrue();
        assertThat(exists("bookings", "booking_id", oldBooking)).isFalse();
        assertThat(exists("bookings", "booking_id", oldBookingStillAwaited))
                .as("a pending reminder still needs it")
                .isTrue();
        assertThat(exists("bookings", "booking_id", recentBooking)).isTrue();
    }

    @Test
    void deletesInBatchesOfTheConfiguredSizeAndAtMostTheBatchLimitPerRun() {
        List<UUID> old = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            old.add(processedEvent(now.minus(Duration.ofDays(30))));
        }
        Purge processed = purge("processed-events");
        List<Integer> limits = new ArrayList<>();
        List<Long> deletedPerStatement = new ArrayList<>();
        Purge recorded = new Purge(processed.name(), processed.retention(), (cutoff, limit) -> {
            limits.add(limit);
            return processed.batch().deleteOlderThan(cutoff, limit).doOnNext(deletedPerStatement::add);
        });

        Housekeeping.Run first =
                housekeeping(lease(), List.of(recorded), 3, 2).runOnce().block();

        assertThat(first).isEqualTo(new Housekeeping.Run.Done(java.util.Map.of("processed-events", 6L), false));
        assertThat(limits).containsExactly(3, 3);
        assertThat(deletedPerStatement).containsExactly(3L, 3L);

        // the next runs work the rest off
        for (int run = 0; run < 20 && old.stream().anyMatch(id -> exists("processed_events", "ce_id", id)); run++) {
            housekeeping(lease(), List.of(recorded), 3, 2).runOnce().block();
        }
        assertThat(old).noneMatch(id -> exists("processed_events", "ce_id", id));
        assertThat(deletedPerStatement).allMatch(count -> count <= 3);
    }

    @Test
    void twoInstancesNeverPurgeAtOnce() throws Exception {
        String lease = lease();
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean firstInside = new AtomicBoolean();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        AtomicInteger secondCalls = new AtomicInteger();
        Purge slow = new Purge(
                "slow",
                Duration.ofDays(1),
                (cutoff, limit) -> Mono.fromCallable(() -> {
                            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            firstInside.set(true);
                            release.await(30, TimeUnit.SECONDS);
                            inside.decrementAndGet();
                            return 0L;
                        })
                        .subscribeOn(Schedulers.boundedElastic()));
        Purge counting = new Purge("slow", Duration.ofDays(1), (cutoff, limit) -> {
            secondCalls.incrementAndGet();
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            inside.decrementAndGet();
            return Mono.just(0L);
        });
        Housekeeping first = housekeeping(lease, List.of(slow), 10, 1);
        Housekeeping second = housekeeping(lease, List.of(counting), 10, 1);

        CompletableFuture<Housekeeping.Run> firstRun = first.runOnce().toFuture();
        await().atMost(Duration.ofSeconds(10)).untilTrue(firstInside);

        Housekeeping.Run secondRun = second.runOnce().block();
        release.countDown();

        assertThat(secondRun).isEqualTo(new Housekeeping.Run.NotLeader());
        assertThat(secondCalls).hasValue(0);
        assertThat(firstRun.get(30, TimeUnit.SECONDS)).isInstanceOf(Housekeeping.Run.Done.class);
        assertThat(mostInside).hasValue(1);
        assertThat(second.runOnce().block())
                .as("the first gave the lease up when it finished")
                .isInstanceOf(Housekeeping.Run.Done.class);
        assertThat(secondCalls).hasValue(1);
    }
}
