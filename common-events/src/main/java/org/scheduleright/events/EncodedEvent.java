package org.scheduleright.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An event ready to publish: topic, CloudEvents attributes and JSON data, in the shape an outbox row stores.
 *
 * @param topic the Kafka topic
 * @param envelope the CloudEvents attributes, published as {@code ce_*} headers
 * @param data the event's JSON data, published as the record value
 */
public record EncodedEvent(String topic, EventEnvelope envelope, byte[] data) {

    public EncodedEvent {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        Objects.requireNonNull(envelope, "envelope must not be null");
        Objects.requireNonNull(data, "data must not be null");
        data = data.clone();
    }

    /** Rebuilds an encoded event from an outbox row that stored the data as JSON text. */
    public static EncodedEvent of(String topic, EventEnvelope envelope, String json) {
        Objects.requireNonNull(json, "json must not be null");
        return new EncodedEvent(topic, envelope, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The Kafka key: the booking id, so that the events of one booking stay in order. */
    public String key() {
        return envelope.subject();
    }

    /** Returns a copy of the JSON data. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The JSON data as text. */
    public String json() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncodedEvent that
                && topic.equals(that.topic)
                && envelope.equals(that.envelope)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, envelope, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "EncodedEvent[topic=" + topic + ", envelope=" + envelope + ", data=" + data.length + " bytes]";
    }
}
