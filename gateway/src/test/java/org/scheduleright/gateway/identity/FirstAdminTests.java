package org.scheduleright.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.scheduleright.gateway.identity.FirstAdmin.Decision;

/** The first ADMIN is created only when configured, with a password within the 12–128 rule, and no user exists. */
class FirstAdminTests {

    @Test
    void aPasswordOutsideTheRuleIsRefusedInEveryProfile() {
        assertThat(Decision.of("admin@example.test", "eleven char", true)).isEqualTo(Decision.PASSWORD_REFUSED);
        assertThat(Decision.of("admin@example.test", "x".repeat(129), true)).isEqualTo(Decision.PASSWORD_REFUSED);
    }

    @Test
    void aValidPasswordCreatesTheAdminOnlyWhileNoUserExists() {
        assertThat(Decision.of("admin@example.test", "twelve chars", true)).isEqualTo(Decision.CREATE);
        assertThat(Decision.of("admin@example.test", "x".repeat(128), true)).isEqualTo(Decision.CREATE);
        assertThat(Decision.of("admin@example.test", "twelve chars", false)).isEqualTo(Decision.USERS_EXIST);
    }

    @Test
    void nothingIsCreatedWithoutBothVariables() {
        assertThat(Decision.of("", "twelve chars", true)).isEqualTo(Decision.NOT_CONFIGURED);
        assertThat(Decision.of("admin@example.test", "", true)).isEqualTo(Decision.NOT_CONFIGURED);
    }
}
