package org.scheduleright.platform.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.scheduleright.events.EncodedEvent;
import org.scheduleright.events.kafka.CloudEventCodec;
import org.scheduleright.events.kafka.CloudEventHeaders;

/**
 * Publishes encoded events as CloudEvents binary-mode records with an idempotent producer ({@code acks=all},
 * {@code enable.idempotence=true}), which keeps the order of the records of one key. Each record is sent in an
 * "outbox publish" producer span, child of the trace the event was stored with and ended when the broker acknowledges
 * it; the record's {@code traceparent} carries that span. The producer's client metrics are bound to the registry
 * for as long as the publisher lives.
 */
public final class KafkaEventPublisher implements AutoCloseable {

    /** The name of the span of one record's publication. */
    public static final String SPAN_NAME = "outbox publish";

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaClientMetrics metrics;
    private final Tracer tracer;
    private final Propagator propagator;

    /**
     * @param registry where the producer's {@code kafka.producer.*} metrics go until {@link #close()}
     * @param tracer the tracer of the publish spans; {@link Tracer#NOOP} publishes without
     * @param propagator writes the publish span into the record's headers; {@link Propagator#NOOP} keeps the stored
     *     traceparent
     */
    public KafkaEventPublisher(
            String bootstrapServers,
            Duration sendTimeout,
            String clientId,
            MeterRegistry registry,
            Tracer tracer,
            Propagator propagator) {
        int timeout = (int) Math.max(1000, sendTimeout.toMillis());
        this.producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        clientId,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                        5,
                        ProducerConfig.LINGER_MS_CONFIG,
                        1,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        timeout / 2,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        timeout,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        timeout),
                new StringSerializer(),
                new ByteArraySerializer());
        this.metrics = new KafkaClientMetrics(producer);
        this.metrics.bindTo(registry);
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * Sends the events in order and returns one future per event sent; stops at the first event the producer refuses
     * at once (for example when no broker answers), whose failed future is the last one returned. May block up to the
     * send timeout, so call it off the event loop.
     */
    public List<CompletableFuture<RecordMetadata>> send(List<EncodedEvent> events) {
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>(events.size());
        for (EncodedEvent event : events) {
            CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
            futures.add(future);
            ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(event);
            Span span = publishSpan(event);
            propagator.inject(span.context(), record.headers(), KafkaEventPublisher::replaceHeader);
            try {
                producer.send(record, (metadata, error) -> {
                    end(span, error);
                    if (error != null) {
                        future.completeExceptionally(error);
                    } else {
                        future.complete(metadata);
                    }
                });
            } catch (KafkaException e) {
                end(span, e);
                future.completeExceptionally(e);
            } catch (RuntimeException e) {
                end(span, e);
                throw e;
            }
            if (future.isCompletedExceptionally()) {
                break;
            }
        }
        return futures;
    }

    @Override
    public void close() {
        metrics.close();
        producer.close(Duration.ofSeconds(1));
    }

    /** A started producer span whose parent is the trace the event was stored with, or a new trace without one. */
    private Span publishSpan(EncodedEvent event) {
        String stored = event.envelope().traceparent();
        Span.Builder builder = stored == null
                ? tracer.spanBuilder().setNoParent()
                : propagator.extract(Map.of(CloudEventHeaders.TRACEPARENT, stored), Map::get);
        return builder.name(SPAN_NAME)
                .kind(Span.Kind.PRODUCER)
                .remoteServiceName("kafka")
                .tag("messaging.system", "kafka")
                .tag("messaging.operation.type", "send")
                .tag("messaging.destination.name", event.topic())
                .tag("cloudevents.event_type", event.envelope().type())
                .tag("cloudevents.event_id", event.envelope().id().toString())
                .start();
    }

    private static void end(Span span, Throwable error) {
        if (error != null) {
            span.error(error);
        }
        span.end();
    }

    /** Kafka headers may repeat a key; the propagated context replaces the stored one rather than adding a second. */
    private static void replaceHeader(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
