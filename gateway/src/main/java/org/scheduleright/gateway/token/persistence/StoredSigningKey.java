package org.scheduleright.gateway.token.persistence;

import java.time.Instant;

/** A row of {@code signing_keys}: the public JWK, the encrypted private JWK and the key's lifetime. */
public record StoredSigningKey(
        String kid, String publicJwk, String encryptedPrivateJwk, Instant activatedAt, Instant retireAfter) {}
