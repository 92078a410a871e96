package org.scheduleright.reminder.booking.messaging;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.events.kafka.CloudEventCodec;
import org.scheduleright.platform.tracing.TraceParents;
import org.scheduleright.reminder.booking.BookingEventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation.DefaultKafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Consumes the booking lifecycle stream a poll at a time. The records of one poll are grouped by key (the booking id):
 * each booking's events are applied one after the other in offset order, different bookings' events at once (at most
 * {@code scheduleright.reminders.consumer.in-flight} bookings), so one consumer thread overlaps the round trips of
 * many transactions. The poll is acknowledged only after every event in it committed. When an event fails, the records
 * before the first failed one are committed and the rest is redelivered from it (an event already applied is then a
 * duplicate by its id and changes nothing); the error handler retries it and then dead-letters it. Each record is
 * consumed in a consumer span of its own, a child of the record's {@code traceparent}, whose context the reminders it
 * plans keep. Instances of the service split the topic's partitions between them.
 */
@Component
class BookingEventListener {

    static final String LISTENER_ID = "reminder-service-bookings";

    private final CloudEventCodec<BookingLifecycle> codec = CloudEventCodec.of(BookingLifecycle.STREAM);

    private final BookingEventHandler handler;

    private final ObservationRegistry observations;

    private final int inFlight;

    private final Duration pollTimeout;

    private final String groupId;

    BookingEventListener(
            BookingEventHandler handler,
            ObservationRegistry observations,
            @Value("${scheduleright.reminders.consumer.in-flight:8}") int inFlight,
            @Value("${scheduleright.reminders.consumer.poll-timeout:2m}") Duration pollTimeout,
            @Value("${spring.kafka.consumer.group-id:reminder-service}") String groupId) {
        this.handler = handler;
        this.observations = observations;
        this.inFlight = inFlight;
        this.pollTimeout = pollTimeout;
        this.groupId = groupId;
    }

    /**
     * Applies one poll's booking events; blocking is deliberate here, since the consumer must not commit the poll, nor
     * take the next one, before these are stored.
     */
    @KafkaListener(
            id = LISTENER_ID,
            topics = BookingLifecycle.TOPIC,
            batch = "true",
            concurrency = "${scheduleright.reminders.consumer.concurrency:1}",
            groupId = "${spring.kafka.consumer.group-id:reminder-service}")
    void on(List<ConsumerRecord<String, byte[]>> records, Acknowledgment acknowledgment) {
        Map<String, List<Integer>> byBooking = new LinkedHashMap<>();
        for (int index = 0; index < records.size(); index++) {
            String key = records.get(index).key();
            // a record without a key cannot be ordered with others: it goes alone
            byBooking
                    .computeIfAbsent(key == null ? "\0" + index : key, any -> new ArrayList<>())
                    .add(index);
        }
        // index of each failed record → its error; a booking's later records are not applied after its failure
        Map<Integer, Throwable> failures = new ConcurrentSkipListMap<>();
        Flux.fromIterable(byBooking.values())
                .flatMap(
                        indexes -> Flux.fromIterable(indexes)
                                .concatMap(index ->
                                        apply(records.get(index)).doOnError(error -> failures.put(index, error)))
                                .onErrorResume(error -> Mono.empty()),
                        inFlight)
                .then()
                .block(pollTimeout);
        if (!failures.isEmpty()) {
            Map.Entry<Integer, Throwable> first = failures.entrySet().iterator().next();
            throw new BatchListenerFailedException(
                    "Booking event failed", first.getValue(), records.get(first.getKey()));
        }
        acknowledgment.acknowledge();
    }

    /** Applies one record in its consumer span. */
    private Mono<BookingEventHandler.Outcome> apply(ConsumerRecord<String, byte[]> record) {
        return Mono.defer(() -> {
            Observation observation = KafkaListenerObservation.LISTENER_OBSERVATION.observation(
                    null,
                    DefaultKafkaListenerObservationConvention.INSTANCE,
                    () -> new KafkaRecordReceiverContext(record, LISTENER_ID, null, groupId, () -> null),
                    observations);
            observation.start();
            BookingLifecycle event;
            String traceparent;
            try (Observation.Scope scope = observation.openScope()) {
                event = codec.fromRecord(record);
                traceparent = TraceParents.current();
            } catch (RuntimeException e) {
                observation.error(e);
                observation.stop();
                return Mono.error(e);
            }
            return handler.apply(event, traceparent)
                    .doOnError(observation::error)
                    .doFinally(signal -> observation.stop())
                    .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, observation));
        });
    }
}
