package org.scheduleright.booking.outbox.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.scheduleright.events.EncodedEvent;
import org.scheduleright.events.kafka.CloudEventCodec;

/**
 * Publishes encoded events as CloudEvents binary-mode records with an idempotent producer ({@code acks=all},
 * {@code enable.idempotence=true}), which keeps the order of the records of one key.
 */
public final class KafkaEventPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public KafkaEventPublisher(String bootstrapServers, Duration sendTimeout, String clientId) {
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
            try {
                producer.send(CloudEventCodec.toRecord(event), (metadata, error) -> {
                    if (error != null) {
                        future.completeExceptionally(error);
                    } else {
                        future.complete(metadata);
                    }
                });
            } catch (KafkaException e) {
                future.completeExceptionally(e);
            }
            if (future.isCompletedExceptionally()) {
                break;
            }
        }
        return futures;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(1));
    }
}
