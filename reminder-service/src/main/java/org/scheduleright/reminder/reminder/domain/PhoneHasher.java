package org.scheduleright.reminder.reminder.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a phone number into the value stored instead of it (opt-outs, {@code phone_hash} columns, quota keys): a keyed
 * HMAC-SHA-256, written {@code <keyId>:<hex>}, so that nobody without the key can find a number by hashing every
 * possible one. The first key hashes; every key, and the plain SHA-256 of the numbers stored before keys existed
 * ({@link #LEGACY}, a bare hex value), still finds what was stored under it, until rows are rehashed.
 */
public final class PhoneHasher {

    /** The scheme of values stored before keyed hashes: the bare hex SHA-256 of the number. */
    public static final String LEGACY = "sha256";

    /** The shortest secret accepted, in characters. */
    public static final int MIN_SECRET_LENGTH = 32;

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Map<String, SecretKeySpec> keys;

    private final String activeKeyId;

    private PhoneHasher(Map<String, SecretKeySpec> keys) {
        this.keys = keys;
        this.activeKeyId = keys.keySet().iterator().next();
    }

    /**
     * Reads {@code keyId:secret} entries separated by commas, the first one active.
     *
     * @throws IllegalArgumentException naming the problem (never a secret) when the list is empty or an entry is bad
     */
    public static PhoneHasher fromKeys(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("PHONE_HASH_KEYS must list at least one keyId:secret entry");
        }
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String trimmed = entry.strip();
            int colon = trimmed.indexOf(':');
            String id = colon < 0 ? "" : trimmed.substring(0, colon);
            String secret = colon < 0 ? "" : trimmed.substring(colon + 1);
            if (!KEY_ID.matcher(id).matches() || LEGACY.equals(id)) {
                throw new IllegalArgumentException("PHONE_HASH_KEYS entries are keyId:secret with a key id of 1-32"
                        + " letters, digits, '-' or '_' (not '" + LEGACY + "')");
            }
            if (secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("PHONE_HASH_KEYS secret of key '" + id + "' is shorter than "
                        + MIN_SECRET_LENGTH + " characters");
            }
            if (keys.putIfAbsent(id, new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                    != null) {
                throw new IllegalArgumentException("PHONE_HASH_KEYS names key '" + id + "' twice");
            }
        }
        return new PhoneHasher(keys);
    }

    /** The id of the key new values are made with. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /** The value to store for {@code phone}, under the active key. */
    public String hash(PhoneNumber phone) {
        return hash(activeKeyId, phone);
    }

    /** Whether {@code stored} was made with the active key (otherwise it is due for rehashing). */
    public boolean isCurrent(String stored) {
        return stored != null && stored.startsWith(activeKeyId + ":");
    }

    /**
     * Every value {@code phone} may have been stored under, the active one first: one per key, then the legacy plain
     * SHA-256.
     */
    public List<String> candidates(PhoneNumber phone) {
        List<String> all = new ArrayList<>();
        for (String id : keys.keySet()) {
            all.add(hash(id, phone));
        }
        all.add(legacy(phone));
        return List.copyOf(all);
    }

    private String hash(String id, PhoneNumber phone) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.get(id));
            return id + ":" + HexFormat.of().formatHex(mac.doFinal(phone.e164().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The unkeyed SHA-256 values stored before keyed hashes existed. */
    static String legacy(PhoneNumber phone) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(phone.e164().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "PhoneHasher[active=" + activeKeyId + ", keys=" + keys.keySet() + "]";
    }
}
