package org.scheduleright.gateway.identity.web;

import java.time.Instant;
import java.util.List;
import org.scheduleright.gateway.identity.UserAccount;
import org.scheduleright.platform.auth.Role;

/** A user as the API shows it: never the password hash. */
record UserView(String id, String email, String name, List<String> roles, String orgId, Instant createdAt) {

    static UserView of(UserAccount user) {
        return new UserView(
                user.id(),
                user.email(),
                user.name(),
                user.roles().stream().sorted().map(Role::name).toList(),
                user.orgId(),
                user.createdAt());
    }
}
