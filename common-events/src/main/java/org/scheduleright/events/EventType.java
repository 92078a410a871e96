package org.scheduleright.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One versioned event type: its CloudEvents {@code ce_type}, the record that carries it and its JSON Schema.
 *
 * @param name the {@code ce_type}, such as {@code org.scheduleright.booking.created.v1}
 * @param javaType the record published under that name
 * @param schema the class-path location of the JSON Schema of the event's data
 */
public record EventType<E extends StreamEvent>(String name, Class<E> javaType, String schema) {

    private static final Pattern NAME = Pattern.compile("org\\.scheduleright\\.[a-z]+\\.[a-z_]+\\.v[1-9][0-9]*");

    public EventType {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(javaType, "javaType must not be null");
        Objects.requireNonNull(schema, "schema must not be null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "event type name must look like org.scheduleright.<stream>.<event>.v<n>, was " + name);
        }
    }

    /**
     * Declares an event type whose schema lives at {@code events/<stream>-<event>.v<n>.schema.json}.
     *
     * @param name the {@code ce_type}
     * @param javaType the record published under that name
     */
    public static <E extends StreamEvent> EventType<E> of(String name, Class<E> javaType) {
        String[] parts = name.split("\\.");
        String fileName =
                parts.length < 5 ? name : parts[2] + "-" + parts[3].replace('_', '-') + "." + parts[4] + ".schema.json";
        return new EventType<>(name, javaType, "events/" + fileName);
    }
}
