package org.scheduleright.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Concurrent hashes are bounded by the memory budget and a full budget refuses at once instead of queueing. */
class PasswordHasherTests {

    @Test
    void theBudgetIsDividedIntoWholeHashesAndAllowsAtLeastOne() {
        assertThat(PasswordHashingPermits.forBudget(DataSize.ofMegabytes(96)).total())
                .isEqualTo(5);
        assertThat(PasswordHashingPermits.forBudget(DataSize.ofKilobytes(PasswordHasher.MEMORY_KIB * 4L))
                        .total())
                .isEqualTo(4);
        assertThat(PasswordHashingPermits.forBudget(DataSize.ofMegabytes(1)).total())
                .isEqualTo(1);
    }

    @Test
    void aFullBudgetRefusesAtOnceAndAFreedPermitServesAgain() {
        PasswordHashingPermits permits = new PasswordHashingPermits(1);
        PasswordHasher hasher = new PasswordHasher(permits);
        assertThat(permits.tryAcquire()).isTrue();

        StepVerifier.create(hasher.matches("a long enough password", null))
                .expectError(PasswordHashingBusy.class)
                .verify(Duration.ofSeconds(1));
        StepVerifier.create(hasher.hash("a long enough password"))
                .expectErrorSatisfies(e -> assertThat(((PasswordHashingBusy) e).retryAfterSeconds())
                        .isEqualTo(1))
                .verify(Duration.ofSeconds(1));

        permits.release();
        StepVerifier.create(hasher.matches("a long enough password", null))
                .expectNext(false)
                .verifyComplete();
        assertThat(permits.available()).isEqualTo(1);
    }

    @Test
    void aHashCancelledBeforeItStartsGivesItsPermitBack() {
        PasswordHashingPermits permits = new PasswordHashingPermits(1);
        PasswordHasher hasher = new PasswordHasher(permits);

        Mono.firstWithSignal(hasher.matches("a long enough password", null), Mono.just(true))
                .block(Duration.ofSeconds(10));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> permits.available() == 1);
    }
}
