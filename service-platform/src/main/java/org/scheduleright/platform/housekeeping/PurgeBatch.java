package org.scheduleright.platform.housekeeping;

import java.time.Instant;
import reactor.core.publisher.Mono;

/** Deletes at most {@code limit} rows older than a cutoff and emits how many it deleted. */
@FunctionalInterface
public interface PurgeBatch {

    Mono<Long> deleteOlderThan(Instant cutoff, int limit);
}
