package org.scheduleright.events.kafka;

import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.scheduleright.events.EncodedEvent;
import org.scheduleright.events.StreamEvent;

/**
 * A Kafka value serializer that writes an event in CloudEvents binary mode: {@code ce_*} headers plus JSON data,
 * keeping a {@code traceparent} header the producer already set.
 */
public final class CloudEventSerializer<E extends StreamEvent> implements Serializer<E> {

    private final CloudEventCodec<E> codec;

    public CloudEventSerializer(CloudEventCodec<E> codec) {
        this.codec = Objects.requireNonNull(codec, "codec must not be null");
    }

    /** Always fails: binary mode carries the event's attributes in headers, which this overload cannot write. */
    @Override
    public byte[] serialize(String topic, E event) {
        throw new SerializationException(
                "CloudEvents binary mode needs record headers; use serialize(topic, headers, event)");
    }

    @Override
    public byte[] serialize(String topic, Headers headers, E event) {
        if (event == null) {
            return null;
        }
        EncodedEvent encoded = codec.encode(event, CloudEventHeaders.value(headers, CloudEventHeaders.TRACEPARENT));
        CloudEventHeaders.write(encoded.envelope(), headers);
        return encoded.data();
    }
}
