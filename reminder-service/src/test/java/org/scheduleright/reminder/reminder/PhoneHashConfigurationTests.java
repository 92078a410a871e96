package org.scheduleright.reminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.scheduleright.platform.config.InvalidConfigurationException;
import org.springframework.mock.env.MockEnvironment;

/** Issue 14 item 11: production refuses the local development phone-hash key; development starts with it. */
class PhoneHashConfigurationTests {

    private static final String DEV_DEFAULT = "local-dev-only:local-development-phone-hash-key-not-secret";

    @Test
    void refusesTheDevelopmentKeyInProduction() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("production");

        assertThatThrownBy(() ->
                        new PhoneHashConfiguration().phoneHasher(new PhoneHashProperties(DEV_DEFAULT), production))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("PHONE_HASH_KEYS must be set in production");
        assertThatThrownBy(() -> new PhoneHashConfiguration()
                        .phoneHasher(
                                new PhoneHashProperties("prod-1:" + "p".repeat(40) + "," + DEV_DEFAULT), production))
                .isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void startsWithARealKeyInProductionAndWithTheDefaultInDevelopment() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("production");

        assertThat(new PhoneHashConfiguration()
                        .phoneHasher(new PhoneHashProperties("prod-1:" + "p".repeat(40)), production)
                        .activeKeyId())
                .isEqualTo("prod-1");
        assertThat(new PhoneHashConfiguration()
                        .phoneHasher(new PhoneHashProperties(DEV_DEFAULT), new MockEnvironment())
                        .activeKeyId())
                .isEqualTo("local-dev-only");
    }

    @Test
    void refusesAShortSecretAsAConfigurationProblem() {
        assertThatThrownBy(() -> new PhoneHashConfiguration()
                        .phoneHasher(new PhoneHashProperties("k1:short"), new MockEnvironment()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("shorter than 32");
    }
}
