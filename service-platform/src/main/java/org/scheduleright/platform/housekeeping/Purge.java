package org.scheduleright.platform.housekeeping;

import java.time.Duration;
import java.util.Objects;

/**
 * One kind of row a service deletes once it is older than its retention: a service declares each as a bean and
 * {@link Housekeeping} runs them all. A table joins by declaring one more bean, as the platform's outbox does:
 * {@code new Purge("outbox", retention, SqlPurges.olderThan(db, "outbox", "sent_at"))}.
 *
 * @param name names the purge in logs and the {@code scheduleright.housekeeping.purged{purge}} counter
 * @param retention how long a row is kept after the time its batch compares with
 * @param batch deletes one bounded batch of rows older than a cutoff
 */
public record Purge(String name, Duration retention, PurgeBatch batch) {

    public Purge {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(retention, "retention must not be null");
        Objects.requireNonNull(batch, "batch must not be null");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the retention of " + name + " must be positive, not " + retention);
        }
    }
}
