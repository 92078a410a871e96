package org.scheduleright.gateway.identity;

import java.text.Normalizer;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.scheduleright.platform.auth.Role;

/**
 * A person who can sign in: canonical email ({@link #canonicalEmail}), display name, Argon2id password hash, roles and the
 * organisation they belong to (null only for a platform ADMIN).
 */
public record UserAccount(
        String id, String email, String name, String passwordHash, Set<Role> roles, String orgId, Instant createdAt) {

    public UserAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
        email = canonicalEmail(email);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a user has a name");
        }
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("a user has at least one role");
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
        if (orgId == null && !roles.contains(Role.ADMIN)) {
            throw new IllegalArgumentException("only an ADMIN may have no organisation, roles were " + roles);
        }
    }

    /**
     * The one form in which emails are stored, looked up and counted: Unicode NFKC (so that full-width and other
     * compatibility spellings become the plain letters), then lower case, trimmed. Accents stay: {@code àlice@…} is
     * another address than {@code alice@…}, and the database compares this form byte for byte.
     */
    public static String canonicalEmail(String email) {
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("a user has an email");
        }
        String lowered = Normalizer.normalize(email, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(lowered, Normalizer.Form.NFKC).strip();
    }
}
