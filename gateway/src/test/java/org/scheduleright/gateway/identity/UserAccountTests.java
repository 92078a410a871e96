package org.scheduleright.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scheduleright.platform.auth.Role;

/** A user account is always complete and normalised. */
class UserAccountTests {

    @Test
    void normalisesTheEmail() {
        UserAccount user = new UserAccount(
                "id", "  Someone@Example.TEST ", "Someone", "hash", Set.of(Role.STAFF), "org", Instant.now());
        assertThat(user.email()).isEqualTo("someone@example.test");
    }

    @Test
    void theCanonicalEmailFoldsCompatibilitySpellingsButKeepsAccents() {
        assertThat(UserAccount.canonicalEmail("\uFF41lice@EXAMPLE.test")).isEqualTo("alice@example.test");
        assertThat(UserAccount.canonicalEmail("\u3000Alice@example.test\u3000")).isEqualTo("alice@example.test");
        assertThat(UserAccount.canonicalEmail("a\u0300lice@example.test")).isEqualTo("\u00e0lice@example.test");
        assertThat(UserAccount.canonicalEmail("\u00c0lice@example.test")).isEqualTo("\u00e0lice@example.test");
        assertThat(UserAccount.canonicalEmail("\u00e0lice@example.test")).isNotEqualTo("alice@example.test");
        assertThat(UserAccount.canonicalEmail("\uFB01nn@example.test")).isEqualTo("finn@example.test");
    }

    @Test
    void onlyAnAdminMayHaveNoOrganisation() {
        assertThatThrownBy(() -> new UserAccount(
                        "id", "a@example.test", "Someone", "hash", Set.of(Role.CLIENT), null, Instant.now()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CLIENT");
        assertThat(new UserAccount("id", "a@example.test", "Admin", "hash", Set.of(Role.ADMIN), null, Instant.now())
                        .orgId())
                .isNull();
    }

    @Test
    void needsAtLeastOneRole() {
        assertThatThrownBy(() ->
                        new UserAccount("id", "a@example.test", "Someone", "hash", Set.of(), "org", Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
