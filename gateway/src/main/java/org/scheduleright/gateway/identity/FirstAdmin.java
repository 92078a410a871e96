package org.scheduleright.gateway.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import org.scheduleright.gateway.identity.persistence.Users;
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

    Mono<Boolean> createIfNoUserExists() {
        String email = properties.adminEmail();
        String password = properties.adminPassword();
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            return Mono.just(false);
        }
        return users.isEmpty()
                .flatMap(empty -> !empty
                        ? Mono.just(false)
                        : hasher.hash(password)
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
                                .onErrorResume(ApiException.class, e -> Mono.just(false)));
    }
}
