package org.scheduleright.events.contact;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encrypts and decrypts the {@code contact} field of booking events (JWE, {@code dir}, {@code A256GCM}, with
 * {@code kid}): encrypts with the active key and decrypts with whichever configured key the token names, so keys can be
 * rotated by putting a new key first in {@value #KEYS_VARIABLE}.
 */
public final class ContactCipher {

    /** The environment variable holding the keys: comma-separated {@code kid:base64-256-bit-key}, the first active. */
    public static final String KEYS_VARIABLE = "CONTACT_ENCRYPTION_KEYS";

    private static final int KEY_BYTES = 32;

    /**
     * The material of the development key that both services' application.yml carry as their default (kid
     * {@code local-dev-only}): it is public, so it is refused in production under whatever kid it is given.
     */
    private static final byte[] DEVELOPMENT_KEY =
            Base64.getDecoder().decode("F81cOO0We9BqAu3+UgGzCAlq+5t3xj735J5vX0e0wW4=");

    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String activeKid;

    private final DirectEncrypter encrypter;

    private final Map<String, DirectDecrypter> decrypters;

    /** Which entry holds the development key ("entry 2 (kid x)"), or null when none does. */
    private final String developmentKeyEntry;

    private ContactCipher(Map<String, SecretKey> keys, String developmentKeyEntry) {
        this.developmentKeyEntry = developmentKeyEntry;
        this.activeKid = keys.keySet().iterator().next();
        Map<String, DirectDecrypter> byKid = new LinkedHashMap<>();
        try {
            this.encrypter = new DirectEncrypter(keys.get(activeKid));
            for (Map.Entry<String, SecretKey> key : keys.entrySet()) {
                byKid.put(key.getKey(), new DirectDecrypter(key.getValue()));
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException(KEYS_VARIABLE + " holds a key that cannot be used for A256GCM", e);
        }
        this.decrypters = Collections.unmodifiableMap(byKid);
    }

    /**
     * Builds a cipher from the {@value #KEYS_VARIABLE} format: comma-separated {@code kid:base64-key} entries, each key
     * exactly 256 bits, the first one active. Error messages name the entry and kid but never the key.
     *
     * @throws IllegalArgumentException if the value is empty, an entry is malformed, a kid repeats or a key is not 32
     *     bytes
     */
    public static ContactCipher fromKeys(String keys) {
        if (keys == null || keys.isBlank()) {
            throw new IllegalArgumentException(
                    KEYS_VARIABLE + " is empty: set it to at least one kid:base64-256-bit-key entry");
        }
        Map<String, SecretKey> byKid = new LinkedHashMap<>();
        String developmentKeyEntry = null;
        String[] entries = keys.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String where = KEYS_VARIABLE + " entry " + (i + 1);
            String entry = entries[i].strip();
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(where + " must look like kid:base64-256-bit-key");
            }
            String kid = entry.substring(0, colon).strip();
            if (!KID.matcher(kid).matches()) {
                throw new IllegalArgumentException(
                        where + " has an invalid kid: use 1 to 64 letters, digits, '.', '_' or '-'");
            }
            byte[] material = decodeKey(entry.substring(colon + 1).strip(), where + " (kid " + kid + ")");
            if (developmentKeyEntry == null && MessageDigest.isEqual(material, DEVELOPMENT_KEY)) {
                developmentKeyEntry = "entry " + (i + 1) + " (kid " + kid + ")";
            }
            if (byKid.put(kid, new SecretKeySpec(material, "AES")) != null) {
                throw new IllegalArgumentException(where + " repeats kid " + kid);
            }
        }
        return new ContactCipher(byKid, developmentKeyEntry);
    }

    /**
     * Like {@link #fromKeys(String)}, and in production also refuses the public development key, recognised by its
     * material (not its kid). The message names the entry and kid, never the key.
     *
     * @throws IllegalArgumentException as {@link #fromKeys(String)} does, or if {@code production} and an entry holds
     *     the development key
     */
    public static ContactCipher forEnvironment(String keys, boolean production) {
        ContactCipher cipher = fromKeys(keys);
        if (production && cipher.developmentKeyEntry != null) {
            throw new IllegalArgumentException(KEYS_VARIABLE + " " + cipher.developmentKeyEntry
                    + " is the public development key; production needs a key of its own");
        }
        return cipher;
    }

    /**
     * Returns a fresh {@value #KEYS_VARIABLE} entry {@code kid:base64-key} with a random 256-bit key, for tests and
     * local runs.
     */
    public static String newKeyEntry(String kid) {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return kid + ":" + Base64.getEncoder().encodeToString(key);
    }

    /** The kid that {@link #encrypt(Contact)} writes. */
    public String activeKid() {
        return activeKid;
    }

    /** Every kid this cipher can decrypt, the active one first. */
    public Set<String> kids() {
        return decrypters.keySet();
    }

    /** Encrypts contact details with the active key. */
    public EncryptedContact encrypt(Contact contact) {
        Objects.requireNonNull(contact, "contact must not be null");
        JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .keyID(activeKid)
                .build();
        JWEObject jwe = new JWEObject(header, new Payload(JSON.writeValueAsBytes(contact)));
        try {
            jwe.encrypt(encrypter);
        } catch (JOSEException e) {
            throw new IllegalStateException("contact encryption failed under kid " + activeKid, e);
        }
        return new EncryptedContact(jwe.serialize());
    }

    /**
     * Decrypts contact details with the key the token's {@code kid} names.
     *
     * @throws ContactDecryptionException if the token is malformed, uses another algorithm, names an unknown kid or
     *     fails authentication
     */
    public Contact decrypt(EncryptedContact contact) {
        Objects.requireNonNull(contact, "contact must not be null");
        JWEObject jwe;
        try {
            jwe = JWEObject.parse(contact.token());
        } catch (ParseException e) {
            throw new ContactDecryptionException("contact token is not a compact JWE", e);
        }
        JWEHeader header = jwe.getHeader();
        if (!JWEAlgorithm.DIR.equals(header.getAlgorithm())
                || !EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())) {
            throw new ContactDecryptionException("contact token must use alg dir and enc A256GCM, was "
                    + header.getAlgorithm() + " / " + header.getEncryptionMethod());
        }
        String kid = header.getKeyID();
        if (kid == null) {
            throw new ContactDecryptionException("contact token has no kid header");
        }
        DirectDecrypter decrypter = decrypters.get(kid);
        if (decrypter == null) {
            throw new ContactDecryptionException("contact token names kid " + abbreviate(kid)
                    + ", which is not among the configured keys " + kids());
        }
        try {
            jwe.decrypt(decrypter);
        } catch (JOSEException e) {
            throw new ContactDecryptionException(
                    "contact token under kid " + kid
                            + " failed authentication: it was tampered with or made with another key",
                    e);
        }
        try {
            return JSON.readValue(jwe.getPayload().toBytes(), Contact.class);
        } catch (JacksonException e) {
            throw new ContactDecryptionException(
                    "contact token under kid " + kid + " does not hold valid contact details");
        }
    }

    @Override
    public String toString() {
        return "ContactCipher[active=" + activeKid + ", kids=" + kids() + "]";
    }

    private static byte[] decodeKey(String encoded, String where) {
        byte[] material;
        try {
            material = encoded.indexOf('-') >= 0 || encoded.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(encoded)
                    : Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " is not valid base64");
        }
        if (material.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    where + " decodes to " + material.length + " bytes; a 256-bit key needs exactly " + KEY_BYTES);
        }
        return material;
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
