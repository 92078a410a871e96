package org.scheduleright.reminder.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.booking.BookingStatus;
import org.scheduleright.reminder.ReminderIntegrationTest;
import org.scheduleright.reminder.booking.persistence.KnownBooking;
import org.scheduleright.reminder.booking.persistence.KnownBookings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Two consumer threads applying events of two bookings not yet known, interleaved the worst way: both lock-read their
 * booking, then both insert it. Under REPEATABLE READ both reads take the same gap lock and the inserts deadlock; the
 * booking-event transactions must let both commit.
 */
class BookingEventTransactionsIntegrationTests extends ReminderIntegrationTest {

    @Autowired
    KnownBookings bookings;

    @Autowired
    @Qualifier("reminderTransactions")
    TransactionalOperator transactions;

    @Test
    void twoNewBookingsAppliedAtOnceDoNotDeadlock() {
        // both ids sort after every other booking, so that their lock-reads fall into the same gap
        UUID first =
                UUID.fromString("ffffffff-ffff-ffff-ffff-" + String.format("%012x", System.nanoTime() & 0xffffff00L));
        UUID second = new UUID(first.getMostSignificantBits(), first.getLeastSignificantBits() + 1);
        CountDownLatch bothRead = new CountDownLatch(2);

        List<UUID> saved = Flux.just(first, second)
                .flatMap(id -> transactions.transactional(bookings.findForUpdate(id)
                        .then(Mono.fromCallable(() -> {
                                    bothRead.countDown();
                                    return bothRead.await(10, TimeUnit.SECONDS);
                                })
                                .subscribeOn(Schedulers.boundedElastic()))
                        .then(bookings.save(known(id), Instant.now()))
                        .thenReturn(id)))
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(saved).containsExactlyInAnyOrder(first, second);
        assertThat(bookings.find(first).block()).isNotNull();
        assertThat(bookings.find(second).block()).isNotNull();
    }

    private static KnownBooking known(UUID id) {
        Instant start = Instant.now().plus(Duration.ofDays(2));
        return new KnownBooking(
                id,
                UUID.randomUUID(),
                UUID.randomUUID(),
                BookingStatus.PENDING,
                start,
                start.plus(Duration.ofMinutes(30)),
                ZoneId.of("Europe/Paris"),
                null,
                CIPHER.encrypt(client("+33612345678")),
                Instant.now(),
                UUID.randomUUID());
    }
}
