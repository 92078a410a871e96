package org.scheduleright.reminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.booking.BookingCreated;
import org.scheduleright.events.booking.BookingStatus;
import org.scheduleright.reminder.ReminderIntegrationTest;
import org.scheduleright.reminder.booking.persistence.KnownBooking;
import org.scheduleright.reminder.booking.persistence.KnownBookings;
import org.scheduleright.reminder.quota.SmsQuotas;
import org.scheduleright.reminder.reminder.domain.PlannedReminder;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;
import org.scheduleright.reminder.reminder.messaging.ReminderEvents;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.scheduleright.reminder.settings.persistence.OrgReminderSettings;
import org.scheduleright.reminder.sms.SmsOutcome;
import org.scheduleright.reminder.sms.SmsSender;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Not part of the build (the name matches no surefire pattern); run by {@code benchmarks/reminder/run.sh}: dispatch
 * throughput of one and two dispatchers against an SMS provider answering in 50 ms, and the latency from a booking
 * event being published to its reminder being scheduled.
 */
class ReminderThroughputBenchmark extends ReminderIntegrationTest {

    @Autowired
    ApplicationContext context;

    private static final int REMINDERS = Integer.getInteger("bench.reminders", 600);

    private static final int EVENTS = Integer.getInteger("bench.events", 300);

    @Autowired
    Reminders reminders;

    @Autowired
    KnownBookings bookings;

    @Autowired
    OrgReminderSettings settings;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ReminderEvents events;

    @Autowired
    SmsQuotas quotas;

    @Autowired
    DatabaseClient database;

    /** A provider that accepts every message after 50 ms, like Twilio's API on a good day. */
    private static final SmsSender SLOW_PROVIDER = message -> Mono.delay(Duration.ofMillis(50))
            .thenReturn(new SmsOutcome.Accepted(
                    "SM" + message.reminderId().toString().replace("-", "")));

    private SmsDispatcher dispatcher(String name) {
        return new ExtraDispatchers(context).create(name, SLOW_PROVIDER, quotas, meters);
    }

    private static Mono<Integer> drain(SmsDispatcher worker) {
        return Mono.defer(worker::dispatchDue)
                .repeat()
                .takeUntil(claimed -> claimed == 0)
                .reduce(0, Integer::sum);
    }

    private List<UUID> dueReminders(int count) {
        Instant now = Instant.now();
        Instant start = now.plus(Duration.ofHours(10));
        return Flux.range(0, count)
                .concatMap(i -> {
                    BookingCreated created = created(start, now, "+33612345678");
                    KnownBooking booking = new KnownBooking(
                            created.bookingId(),
                            created.orgId(),
                            created.siteId(),
                            BookingStatus.CONFIRMED,
                            start,
                            created.endTime(),
                            created.timezone(),
                            null,
                            created.contact(),
                            now,
                            created.eventId());
                    return bookings.save(booking, now)
                            .then(reminders.plan(
                                    booking.bookingId(),
                                    booking.orgId(),
                                    start,
                                    new PlannedReminder(6, now.minusSeconds(60), ReminderStatus.SCHEDULED, null),
                                    now,
                                    null));
                })
                .collectList()
                .block();
    }

    private double sendsPerSecond(int dispatchers) {
        List<UUID> ids = dueReminders(REMINDERS);
        long started = System.nanoTime();
        int sent = Flux.range(0, dispatchers)
                .flatMap(i -> drain(dispatcher("bench-" + dispatchers + "-" + i)))
                .reduce(0, Integer::sum)
                .block();
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(sent).isEqualTo(ids.size());
        return sent / seconds;
    }

    private static long percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    @Test
    void measure() {
        sendsPerSecond(1); // warm-up
        double one = sendsPerSecond(1);
        double two = sendsPerSecond(2);

        Map<UUID, Instant> publishedAt = new ConcurrentHashMap<>();
        System.out.println(
                String.format(Locale.ROOT, "BENCHMARK-DISPATCH sends_per_s_1=%.1f sends_per_s_2=%.1f", one, two));
        Flux.range(0, EVENTS)
                .delayElements(Duration.ofMillis(20))
                .concatMap(i -> {
                    BookingCreated created =
                            created(Instant.now().plus(Duration.ofDays(2)), Instant.now(), "+33612345678");
                    publishedAt.put(created.bookingId(), Instant.now());
                    return Mono.fromFuture(kafka.send(BOOKINGS.toRecord(created, null)));
                })
                .blockLast();
        Map<UUID, Instant> scheduledAt = new ConcurrentHashMap<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (scheduledAt.size() < EVENTS && Instant.now().isBefore(deadline)) {
            database.sql("SELECT booking_id, MIN(created_at) AS at FROM reminders"
                            + " WHERE lead_time_hours = 24 GROUP BY booking_id")
                    .map(row -> Map.entry(
                            UUID.fromString(row.get("booking_id", String.class)),
                            row.get("at", LocalDateTime.class).toInstant(ZoneOffset.UTC)))
                    .all()
                    .filter(entry -> publishedAt.containsKey(entry.getKey()))
                    .doOnNext(entry -> scheduledAt.put(entry.getKey(), entry.getValue()))
                    .then(Mono.delay(Duration.ofMillis(200)))
                    .block();
        }
        List<Long> latencies = new ArrayList<>();
        scheduledAt.forEach((booking, at) ->
                latencies.add(Duration.between(publishedAt.get(booking), at).toMillis()));
        Collections.sort(latencies);
        assertThat(latencies).hasSize(EVENTS);

        System.out.println(String.format(
                Locale.ROOT,
                "BENCHMARK reminders=%d sends_per_s_1=%.1f sends_per_s_2=%.1f scale_out=%.2f events=%d"
                        + " schedule_latency_p50_ms=%d schedule_latency_p99_ms=%d",
                REMINDERS,
                one,
                two,
                two / one,
                EVENTS,
                percentile(latencies, 0.50),
                percentile(latencies, 0.99)));
    }
}
