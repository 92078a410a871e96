package org.scheduleright.gateway.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.scheduleright.gateway.identity.persistence.Users;
import org.scheduleright.platform.auth.AuthenticatedUser;
import org.scheduleright.platform.auth.Role;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import reactor.core.publisher.Mono;

/**
 * Creates users under the contract's rules: an ADMIN creates anyone in any organisation; STAFF create only VOLUNTEER
 * and CLIENT users of their own organisation; nobody else creates users.
 */
public class Accounts {

    private static final Set<Role> STAFF_MAY_GRANT = EnumSet.of(Role.VOLUNTEER, Role.CLIENT);

    private final Users users;
    private final PasswordHasher hasher;

    Accounts(Users users, PasswordHasher hasher) {
        this.users = users;
        this.hasher = hasher;
    }

    /** A new user as requested by {@code caller}; {@code orgId} defaults to the caller's organisation. */
    public Mono<UserAccount> create(
            AuthenticatedUser caller, String email, String name, String password, Set<Role> roles, String orgId) {
        String organisation = orgId == null ? caller.orgId() : orgId;
        if (!caller.isAdmin()) {
            caller.requireAtLeast(Role.STAFF);
            if (!STAFF_MAY_GRANT.containsAll(roles)) {
                return Mono.error(new ApiException(
                        ErrorCode.INSUFFICIENT_PERMISSIONS, "STAFF may only create VOLUNTEER and CLIENT users"));
            }
            if (organisation == null || !organisation.equals(caller.orgId())) {
                return Mono.error(new ApiException(
                        ErrorCode.INSUFFICIENT_PERMISSIONS, "STAFF may only create users of their own organisation"));
            }
        }
        if (organisation == null && !roles.contains(Role.ADMIN)) {
            return Mono.error(ApiException.validation("orgId", "is required for this role"));
        }
        return hasher.hash(password)
                .map(hash -> new UserAccount(
                        UUID.randomUUID().toString(),
                        email,
                        name.trim(),
                        hash,
                        roles,
                        organisation,
                        Instant.now().truncatedTo(ChronoUnit.MICROS)))
                .flatMap(users::insert);
    }

    public Mono<UserAccount> find(String userId) {
        return users.findById(userId).switchIfEmpty(Mono.error(ApiException.notFound("User")));
    }
}
