package org.scheduleright.events;

/** Thrown when a record's {@code ce_type} is missing or is not a type of the stream being read. */
public class UnknownEventTypeException extends UndecodableEventException {

    private final String type;

    public UnknownEventTypeException(String type, String topic) {
        super(
                type == null
                        ? "record has no ce_type header"
                        : "ce_type '" + abbreviate(type) + "' is not an event type of " + topic);
        this.type = type;
    }

    private static String abbreviate(String value) {
        return value.length() <= 120 ? value : value.substring(0, 120) + "…";
    }

    /** The rejected {@code ce_type}, or {@code null} when the header was missing. */
    public String type() {
        return type;
    }
}
