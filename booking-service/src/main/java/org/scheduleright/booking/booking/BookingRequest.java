package org.scheduleright.booking.booking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.scheduleright.booking.booking.domain.ClientDetails;
import org.scheduleright.booking.slot.domain.SlotId;
import org.scheduleright.events.booking.BookingSource;

/**
 * A request for a seat: which slot, for whom, with what notes, made by whom ({@code source}, and the user id of a
 * client booking for themself).
 */
public record BookingRequest(
        SlotId slot, ClientDetails client, String notes, BookingSource source, String clientUserId) {

    public BookingRequest {
        Objects.requireNonNull(slot, "slot must not be null");
        Objects.requireNonNull(client, "client must not be null");
        Objects.requireNonNull(source, "source must not be null");
    }

    /** A SHA-256 fingerprint of everything the request asks for, to recognise a retry of the same request. */
    String fingerprint(String site) {
        String canonical = String.join(
                "\u0000",
                site,
                slot.toString(),
                client.name(),
                client.email(),
                String.valueOf(client.phone()),
                String.valueOf(notes),
                source.wireName(),
                String.valueOf(clientUserId));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
