package org.scheduleright.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Kafka stream: its topic, the CloudEvents source of its producer and the event types it carries.
 *
 * @param eventInterface the sealed interface every event of the stream implements
 * @param topic the Kafka topic
 * @param source the {@code ce_source} of the producing service, such as {@code /booking-service}
 * @param types every event type of the stream
 */
public record EventStream<E extends StreamEvent>(
        Class<E> eventInterface, String topic, String source, List<EventType<? extends E>> types) {

    public EventStream {
        Objects.requireNonNull(eventInterface, "eventInterface must not be null");
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(source, "source must not be null");
        types = List.copyOf(types);
        Map<String, EventType<?>> byName = new LinkedHashMap<>();
        for (EventType<? extends E> type : types) {
            if (!eventInterface.isAssignableFrom(type.javaType())) {
                throw new IllegalArgumentException(
                        type.javaType().getName() + " does not implement " + eventInterface.getName());
            }
            if (byName.put(type.name(), type) != null) {
                throw new IllegalArgumentException("event type " + type.name() + " is declared twice on " + topic);
            }
        }
    }

    /**
     * Returns the type of the given event.
     *
     * @throws IllegalArgumentException if the event's class is not one of this stream's types
     */
    public EventType<? extends E> typeOf(E event) {
        Objects.requireNonNull(event, "event must not be null");
        return types.stream()
                .filter(type -> type.javaType() == event.getClass())
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException(event.getClass().getName() + " is not an event type of " + topic));
    }

    /** Returns the type published under the given {@code ce_type}, if this stream has one. */
    public Optional<EventType<? extends E>> typeNamed(String name) {
        return types.stream().filter(type -> type.name().equals(name)).findFirst();
    }
}
