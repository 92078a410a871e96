package org.scheduleright.gateway.identity;

import java.util.concurrent.Semaphore;
import org.springframework.util.unit.DataSize;

/**
 * How many Argon2id computations may run at once: each holds {@link PasswordHasher#MEMORY_KIB} on the heap, so the
 * configured memory budget ({@code PASSWORD_HASHING_MEMORY}) divided by that is the number of permits (at least one).
 * A request that finds no free permit is refused at once instead of waiting, so a burst never queues unboundedly.
 */
public final class PasswordHashingPermits {

    private final Semaphore permits;
    private final int total;

    PasswordHashingPermits(int total) {
        if (total < 1) {
            throw new IllegalArgumentException("at least one password hash must be allowed, was " + total);
        }
        this.total = total;
        this.permits = new Semaphore(total);
    }

    /** The permits a memory budget allows: the budget divided by one hash's memory, at least one. */
    static PasswordHashingPermits forBudget(DataSize budget) {
        long perHash = DataSize.ofKilobytes(PasswordHasher.MEMORY_KIB).toBytes();
        return new PasswordHashingPermits((int) Math.max(1, Math.min(Integer.MAX_VALUE, budget.toBytes() / perHash)));
    }

    public int total() {
        return total;
    }

    public int available() {
        return permits.availablePermits();
    }

    /** Takes a permit if one is free, without waiting. */
    public boolean tryAcquire() {
        return permits.tryAcquire();
    }

    public void release() {
        permits.release();
    }
}
