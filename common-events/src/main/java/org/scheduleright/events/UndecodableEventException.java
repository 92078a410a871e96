package org.scheduleright.events;

/** Thrown when a received record is not a valid event of its stream; the consumer should dead-letter it, not retry. */
public class UndecodableEventException extends RuntimeException {

    public UndecodableEventException(String message) {
        super(message);
    }

    public UndecodableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
