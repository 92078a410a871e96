package org.scheduleright.reminder.reminder.persistence;

import java.util.UUID;

/**
 * One worker's claim on one reminder: the row is {@code sending} under this {@code claimId} until the worker finishes
 * it, gives it back, or loses the claim to the stale-claim sweep; every later change of the row is conditional on it.
 */
public record Claim(UUID reminderId, UUID claimId) {}
