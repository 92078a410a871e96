package org.scheduleright.gateway.identity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.scheduleright.gateway.identity.persistence.Users;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import reactor.core.publisher.Mono;

/**
 * Checks a login: refuses locked accounts, verifies the password (against a dummy hash for unknown emails, so that
 * both failures look and take the same), counts failures towards the lockout and each outcome in
 * {@code scheduleright.auth.logins{result}}.
 */
public class Authentication {

    private final Users users;
    private final PasswordHasher hasher;
    private final LoginLockout lockout;
    private final Counter successes;
    private final Counter failures;
    private final Counter locked;

    Authentication(Users users, PasswordHasher hasher, LoginLockout lockout, MeterRegistry registry) {
        this.users = users;
        this.hasher = hasher;
        this.lockout = lockout;
        this.successes = counter(registry, "success");
        this.failures = counter(registry, "failure");
        this.locked = counter(registry, "locked");
    }

    /**
     * The user whose credentials these are, or 401 {@code INVALID_CREDENTIALS}, or 429 {@link AccountLocked}. The email
     * is looked up in its canonical form only; the lockout counts per account found (whatever the spelling typed), or
     * per canonical email when no account has it.
     */
    public Mono<UserAccount> login(String email, String password) {
        String canonical = UserAccount.canonicalEmail(email);
        return users.findByEmail(canonical)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(user -> {
                    String subject = user.map(found -> LoginLockout.account(found.id()))
                            .orElseGet(() -> LoginLockout.unknownEmail(canonical));
                    return lockout.requireUnlocked(subject)
                            .doOnError(AccountLocked.class, e -> locked.increment())
                            .then(hasher.matches(
                                    password,
                                    user.map(UserAccount::passwordHash).orElse(null)))
                            .flatMap(matches -> matches
                                    ? lockout.recordSuccess(subject)
                                            .doOnSuccess(done -> successes.increment())
                                            .thenReturn(user.orElseThrow())
                                    : lockout.recordFailure(subject)
                                            .doOnSuccess(lockedNow -> failures.increment())
                                            .then(Mono.error(new ApiException(
                                                    ErrorCode.INVALID_CREDENTIALS, "Invalid email or password"))));
                });
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("scheduleright.auth.logins")
                .description("Login attempts by outcome")
                .tag("result", result)
                .register(registry);
    }
}
