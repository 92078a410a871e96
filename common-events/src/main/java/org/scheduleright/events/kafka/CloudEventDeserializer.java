package org.scheduleright.events.kafka;

import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.scheduleright.events.StreamEvent;
import org.scheduleright.events.UndecodableEventException;

/**
 * A Kafka value deserializer that reads an event written in CloudEvents binary mode, failing with
 * {@link UndecodableEventException} on an unknown type or malformed record.
 */
public final class CloudEventDeserializer<E extends StreamEvent> implements Deserializer<E> {

    private final CloudEventCodec<E> codec;

    public CloudEventDeserializer(CloudEventCodec<E> codec) {
        this.codec = Objects.requireNonNull(codec, "codec must not be null");
    }

    /** Always fails: binary mode carries the event's attributes in headers, which this overload does not get. */
    @Override
    public E deserialize(String topic, byte[] data) {
        throw new UndecodableEventException(
                "CloudEvents binary mode needs record headers; use deserialize(topic, headers, data)");
    }

    /** Returns {@code null} for a tombstone, else the decoded event. */
    @Override
    public E deserialize(String topic, Headers headers, byte[] data) {
        return data == null ? null : codec.fromRecord(headers, data);
    }
}
