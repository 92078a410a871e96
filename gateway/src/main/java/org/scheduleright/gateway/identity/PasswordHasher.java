package org.scheduleright.gateway.identity;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Argon2id password hashing at OWASP's parameters (m = 19 MiB, t = 2, p = 1), off the event loop; an unknown user is
 * checked against a dummy hash so that a login takes the same time whether or not the email exists. At most
 * {@link PasswordHashingPermits} hashes run at once; beyond that a request fails at once with
 * {@link PasswordHashingBusy} (503), never waiting in a queue.
 */
public class PasswordHasher {

    static final int MEMORY_KIB = 19_456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;

    private static final int WAITING = 0;
    private static final int RUNNING = 1;
    private static final int FINISHED = 2;

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(16, 32, PARALLELISM, MEMORY_KIB, ITERATIONS);
    private final PasswordHashingPermits permits;
    private final String dummyHash;

    public PasswordHasher(PasswordHashingPermits permits) {
        this.permits = permits;
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        dummyHash = encoder.encode(HexFormat.of().formatHex(random));
    }

    public Mono<String> hash(String password) {
        return bounded(() -> encoder.encode(password));
    }

    /** Whether the password matches; with a null hash, spends the same work and answers false. */
    public Mono<Boolean> matches(String password, String hashOrNull) {
        return bounded(() -> {
            boolean matches = encoder.matches(password, hashOrNull == null ? dummyHash : hashOrNull);
            return matches && hashOrNull != null;
        });
    }

    /**
     * Runs {@code work} on the bounded elastic scheduler holding a permit; the permit goes back when the work ends, or
     * at cancellation if the work never started (a running hash keeps its memory until it ends, so it keeps its
     * permit too).
     */
    private <T> Mono<T> bounded(Callable<T> work) {
        return Mono.defer(() -> {
            if (!permits.tryAcquire()) {
                return Mono.error(new PasswordHashingBusy());
            }
            AtomicInteger state = new AtomicInteger(WAITING);
            return Mono.fromCallable(() -> {
                        if (!state.compareAndSet(WAITING, RUNNING)) {
                            return null;
                        }
                        try {
                            return work.call();
                        } finally {
                            state.set(FINISHED);
                            permits.release();
                        }
                    })
                    .subscribeOn(Schedulers.boundedElastic())
                    .doOnCancel(() -> {
                        if (state.compareAndSet(WAITING, FINISHED)) {
                            permits.release();
                        }
                    });
        });
    }
}
