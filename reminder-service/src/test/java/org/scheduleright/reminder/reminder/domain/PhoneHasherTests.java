package org.scheduleright.reminder.reminder.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 14 item 11: phone numbers are stored as keyed HMAC-SHA-256 values, not as enumerable plain hashes. */
class PhoneHasherTests {

    private static final String SECRET = "test-phone-hash-secret-of-32-characters!";

    private static final PhoneNumber PHONE = new PhoneNumber("+33612345678");

    @Test
    void hashesWithHmacSha256UnderTheActiveKeyAndNamesTheKey() {
        // expected value from: echo -n "+33612345678" | openssl dgst -sha256 -hmac "$SECRET"
        assertThat(PhoneHasher.fromKeys("k2:" + SECRET + ",k1:" + "o".repeat(32))
                        .hash(PHONE))
                .isEqualTo("k2:a5f7ed1cd2f616ab202a48bbfe85ccca06f28f4acc0a510f102fb341180f0a52");
    }

    @Test
    void isNotThePlainSha256ThatAnyoneCanRecomputeAndDiffersPerKey() {
        String plain = "42d573cfc315801d4cd8eddd5416b416a0bf298b9b9e12d6b07442c91db42bd8";
        assertThat(PhoneHasher.legacy(PHONE)).isEqualTo(plain);
        String underOne = PhoneHasher.fromKeys("a:" + SECRET).hash(PHONE);
        String underOther = PhoneHasher.fromKeys("a:" + SECRET.toUpperCase()).hash(PHONE);
        assertThat(underOne).doesNotContain(plain).isNotEqualTo(underOther);
    }

    @Test
    void findsValuesStoredUnderEveryKeyAndTheLegacySchemeActiveFirst() {
        PhoneHasher rotated = PhoneHasher.fromKeys("new:" + SECRET + ", old:" + "o".repeat(32));
        PhoneHasher before = PhoneHasher.fromKeys("old:" + "o".repeat(32));

        assertThat(rotated.candidates(PHONE))
                .containsExactly(rotated.hash(PHONE), before.hash(PHONE), PhoneHasher.legacy(PHONE));
        assertThat(rotated.isCurrent(rotated.hash(PHONE))).isTrue();
        assertThat(rotated.isCurrent(before.hash(PHONE))).isFalse();
        assertThat(rotated.isCurrent(PhoneHasher.legacy(PHONE))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "no-colon",
                "k1:short",
                ":" + SECRET,
                "sha256:" + SECRET,
                "bad id:" + SECRET,
                "k1:" + SECRET + ",k1:" + SECRET
            })
    void refusesABadKeyListWithoutShowingTheSecret(String keys) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PhoneHasher.fromKeys(keys))
                .withMessageStartingWith("PHONE_HASH_KEYS")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void neverShowsItsSecretsInToString() {
        assertThat(PhoneHasher.fromKeys("k1:" + SECRET).toString()).doesNotContain(SECRET);
    }
}
