package org.scheduleright.gateway.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import org.scheduleright.gateway.identity.persistence.Users;
import org.scheduleright.platform.auth.PasswordPolicy;
import org.scheduleright.platform.auth.Role;
import org.scheduleright.platform.error.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import reactor.core.publisher.Mono;

/** Creates the first ADMIN from {@code ADMIN_EMAIL}/{@code ADMIN_PASSWORD} at startup, only when no user exists. */
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final Users users;
    private final PasswordHasher hasher;
    private final IdentityProperties properties;

    FirstAdmin(Users users, PasswordHasher hasher, IdentityProperties properties) {
        this.users = users;
        this.hasher = hasher;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        createIfNoUserExists().block(Duration.ofSeconds(30));
    }

    /** What startup does about the first ADMIN: a decision on the configuration and whether any user exists. */
    enum Decision {
        NOT_CONFIGURED,
        PASSWORD_REFUSED,
        USERS_EXIST,
        CREATE;

        /**
         * Outside production the startup checks let a password outside {@link PasswordPolicy} through, so creation
         * refuses it here: no ADMIN is made with a password no user could be given through the API.
         */
        static Decision of(String email, String password, boolean noUserYet) {
            if (email == null || email.isBlank() || password == null || password.isEmpty()) {
                return NOT_CONFIGURED;
            }
            if (PasswordPolicy.problem(password) != null) {
                return PASSWORD_REFUSED;
            }
            return noUserYet ? CREATE : USERS_EXIST;
        }
    }

    Mono<Boolean> createIfNoUserExists() {
        String email = properties.adminEmail();
        String password = properties.adminPassword();
        return users.isEmpty().flatMap(empty -> switch (Decision.of(email, password, empty)) {
            case NOT_CONFIGURED, USERS_EXIST -> Mono.just(false);
            case PASSWORD_REFUSED -> {
                log.warn(
                        "ADMIN_PASSWORD {}; the first ADMIN was not created (passwords are {}–{} characters)",
                        PasswordPolicy.problem(password),
                        PasswordPolicy.MIN_LENGTH,
                        PasswordPolicy.MAX_LENGTH);
                yield Mono.just(false);
            }
            case CREATE ->
                hasher.hash(password)
                        .map(hash -> new UserAccount(
                                UUID.randomUUID().toString(),
                                email,
                                "Administrator",
                                hash,
                                Set.of(Role.ADMIN),
                                null,
                                Instant.now().truncatedTo(ChronoUnit.MICROS)))
                        .flatMap(users::insert)
                        .doOnNext(admin -> log.info("Created the first ADMIN user {}", admin.id()))
                        .thenReturn(true)
                        .onErrorResume(ApiException.class, e -> Mono.just(false));
        });
    }
}
