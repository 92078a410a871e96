package org.scheduleright.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Personal data and secrets are masked wherever they stand in a log line; ordinary values are left alone. */
class PersonalDataMaskerTests {

    @Test
    void masksEmailAddresses() {
        assertThat(PersonalDataMasker.mask("booking for jane.doe+care@example.org created"))
                .isEqualTo("booking for ***@*** created");
    }

    @Test
    void masksPhoneNumbersInEveryCommonShape() {
        assertThat(PersonalDataMasker.mask("to=+15551234567 or +44 20 7946 0958 or To=%2B15551234567"))
                .doesNotContain("5551234567", "7946", "0958")
                .contains("to=+***");
    }

    @Test
    void masksJsonWebTokensAndBearerTokens() {
        String jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJlLXZhbHVl";
        assertThat(PersonalDataMasker.mask("Authorization: Bearer " + jwt)).doesNotContain(jwt, "c2lnbmF0dXJl");
        assertThat(PersonalDataMasker.mask("Bearer opaque-refresh-token-0123456789"))
                .isEqualTo("Bearer [token]");
    }

    @Test
    void masksPasswordSecretAndTokenFieldsInJsonAndKeyValueForm() {
        assertThat(PersonalDataMasker.mask("{\\\"password\\\":\\\"hunter2-long\\\",\\\"email\\\":\\\"x\\\"}"))
                .doesNotContain("hunter2");
        assertThat(PersonalDataMasker.mask("jdbc failed password=hunter2 user=app"))
                .isEqualTo("jdbc failed password=*** user=app");
        assertThat(PersonalDataMasker.mask("\"refreshToken\":\"abcdef123456\"")).doesNotContain("abcdef123456");
    }

    @Test
    void leavesTimestampsIdsAndTraceIdsAlone() {
        String line =
                "{\"@timestamp\":\"2026-11-27T20:14:03.123+00:00\",\"trace.id\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
                        + "\"bookingId\":\"0b7c4c2e-9a61-4b7e-8f1e-2f7d0c1e5a11\",\"count\":12345678}";
        assertThat(PersonalDataMasker.mask(line)).isEqualTo(line);
    }
}
