package org.scheduleright.events.contact;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A client's contact details as a compact JWE with direct encryption (five base64url parts, the second empty), which
 * only a {@link ContactCipher} holding the right key can open.
 *
 * @param token the compact JWE serialisation
 */
public record EncryptedContact(String token) {

    /** The shape of a compact JWE with {@code alg: dir}: header, empty key, IV, ciphertext and tag. */
    public static final String PATTERN = "^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$";

    private static final Pattern COMPACT_DIRECT_JWE = Pattern.compile(PATTERN);

    public EncryptedContact {
        Objects.requireNonNull(token, "contact token must not be null");
        if (!COMPACT_DIRECT_JWE.matcher(token).matches()) {
            throw new IllegalArgumentException(
                    "contact must be a compact JWE with direct encryption (header..iv.ciphertext.tag)");
        }
    }

    /** Reads a token from its JSON string form. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static EncryptedContact of(String token) {
        return new EncryptedContact(token);
    }

    @JsonValue
    @Override
    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return "EncryptedContact[" + token.length() + " chars]";
    }
}
