package org.scheduleright.gateway.token;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;
import java.util.Objects;

/** One key of the ring: the EC key pair, when it became active and, once rotated out, when it leaves the JWKS. */
record SigningKey(ECKey key, Instant activatedAt, Instant retireAfter) {

    SigningKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(activatedAt, "activatedAt");
    }

    String kid() {
        return key.getKeyID();
    }

    boolean isActive() {
        return retireAfter == null;
    }

    /** Whether tokens signed with this key may still be accepted at {@code now}. */
    boolean verifiesAt(Instant now) {
        return retireAfter == null || retireAfter.isAfter(now);
    }
}
