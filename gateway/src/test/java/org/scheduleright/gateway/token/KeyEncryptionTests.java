package org.scheduleright.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Private signing keys at rest: readable only with the same JWT_SECRET and the same kid. */
class KeyEncryptionTests {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";

    @Test
    void roundTripsWithTheSameSecretAndKid() {
        KeyEncryption encryption = new KeyEncryption(SECRET);
        String sealed = encryption.encrypt("{\"d\":\"private\"}", "kid-1");
        assertThat(sealed).doesNotContain("private");
        assertThat(encryption.decrypt(sealed, "kid-1")).isEqualTo("{\"d\":\"private\"}");
    }

    @Test
    void refusesAnotherSecret() {
        String sealed = new KeyEncryption(SECRET).encrypt("key", "kid-1");
        assertThatThrownBy(() -> new KeyEncryption(SECRET + "x").decrypt(sealed, "kid-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JWT_SECRET");
    }

    @Test
    void refusesACiphertextMovedToAnotherKid() {
        KeyEncryption encryption = new KeyEncryption(SECRET);
        String sealed = encryption.encrypt("key", "kid-1");
        assertThatThrownBy(() -> encryption.decrypt(sealed, "kid-2")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void usesAFreshNonceEachTime() {
        KeyEncryption encryption = new KeyEncryption(SECRET);
        assertThat(encryption.encrypt("key", "kid-1")).isNotEqualTo(encryption.encrypt("key", "kid-1"));
    }
}
