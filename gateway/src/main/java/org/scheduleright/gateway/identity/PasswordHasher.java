package org.scheduleright.gateway.identity;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Argon2id password hashing at OWASP's parameters (m = 19 MiB, t = 2, p = 1), off the event loop; an unknown user is
 * checked against a dummy hash so that a login takes the same time whether or not the email exists.
 */
public class PasswordHasher {

    static final int MEMORY_KIB = 19_456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(16, 32, PARALLELISM, MEMORY_KIB, ITERATIONS);
    private final String dummyHash;

    public PasswordHasher() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        dummyHash = encoder.encode(HexFormat.of().formatHex(random));
    }

    public Mono<String> hash(String password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(Schedulers.boundedElastic());
    }

    /** Whether the password matches; with a null hash, spends the same work and answers false. */
    public Mono<Boolean> matches(String password, String hashOrNull) {
        return Mono.fromCallable(() -> {
                    boolean matches = encoder.matches(password, hashOrNull == null ? dummyHash : hashOrNull);
                    return matches && hashOrNull != null;
                })
                .subscribeOn(Schedulers.boundedElastic());
    }
}
