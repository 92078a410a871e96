package org.scheduleright.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.EncodedEvent;
import org.scheduleright.events.EventEnvelope;
import org.scheduleright.platform.outbox.Outbox.StoredEvent;

/** The relay sends a booking's next event only after the previous one was acknowledged. */
class OutboxRelayTests {

    private static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");

    @Test
    void putsTheKthEventOfEachBookingInTheKthWaveKeepingOutboxOrder() {
        StoredEvent a1 = event(1, "a");
        StoredEvent b1 = event(2, "b");
        StoredEvent a2 = event(3, "a");
        StoredEvent a3 = event(4, "a");
        StoredEvent c1 = event(5, "c");
        StoredEvent b2 = event(6, "b");

        List<List<StoredEvent>> waves = OutboxRelay.waves(List.of(a1, b1, a2, a3, c1, b2));

        assertThat(waves).containsExactly(List.of(a1, b1, c1), List.of(a2, b2), List.of(a3));
    }

    @Test
    void sendsABatchOfDistinctBookingsInOneWave() {
        List<StoredEvent> batch = List.of(event(1, "a"), event(2, "b"), event(3, "c"));

        assertThat(OutboxRelay.waves(batch)).containsExactly(batch);
        assertThat(OutboxRelay.waves(List.of())).isEmpty();
    }

    private static StoredEvent event(long position, String booking) {
        return new StoredEvent(
                position,
                EncodedEvent.of(
                        "scheduleright.bookings.v1",
                        new EventEnvelope(
                                UUID.randomUUID(),
                                "/booking-service",
                                "org.scheduleright.booking.created.v1",
                                booking,
                                NOW,
                                null),
                        "{}"),
                NOW);
    }
}
