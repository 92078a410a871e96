package org.scheduleright.events.contact;

/** Thrown when a contact token cannot be opened: malformed, under an unknown key id, or tampered with. */
public class ContactDecryptionException extends RuntimeException {

    public ContactDecryptionException(String message) {
        super(message);
    }

    public ContactDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
