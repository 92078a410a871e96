package org.scheduleright.platform.auth;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;

/**
 * The caller of a request, as proven by a verified access token: user id, organisation (null only for a platform
 * ADMIN without one), roles and the token's id.
 */
public record AuthenticatedUser(String userId, String orgId, Set<Role> roles, String tokenId) {

    public AuthenticatedUser {
        Objects.requireNonNull(userId, "userId");
        roles = Set.copyOf(roles);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a user has at least one role");
        }
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    /** Whether any of the user's roles is at least {@code minimum}. */
    public boolean hasAtLeast(Role minimum) {
        return roles.stream().anyMatch(role -> role.atLeast(minimum));
    }

    /** Throws 403 {@code INSUFFICIENT_PERMISSIONS} unless the user has at least {@code minimum}. */
    public void requireAtLeast(Role minimum) {
        if (!hasAtLeast(minimum)) {
            throw new ApiException(ErrorCode.INSUFFICIENT_PERMISSIONS, "This action needs the " + minimum + " role");
        }
    }

    /** Whether the user may see resources of {@code organisation}: an ADMIN sees every one, others only their own. */
    public boolean belongsTo(String organisation) {
        return isAdmin() || (orgId != null && orgId.equals(organisation));
    }

    /**
     * The caller's own organisation, for routes that act on "the caller's organisation": a platform ADMIN without one
     * (or a token whose {@code orgId} is not a UUID) gets 403 {@code INSUFFICIENT_PERMISSIONS}, never a 500.
     */
    public UUID requireOrganisation() {
        if (orgId != null) {
            try {
                return UUID.fromString(orgId);
            } catch (IllegalArgumentException notAUuid) {
                // falls through to the same answer as a missing organisation
            }
        }
        throw new ApiException(
                ErrorCode.INSUFFICIENT_PERMISSIONS, "This action needs a caller bound to an organisation");
    }
}
