package org.scheduleright.reminder.quota;

/** The answer of the SMS quotas for one message about to be sent. */
public sealed interface QuotaDecision {

    /** Every quota had room; one unit of each was taken. */
    record Allowed() implements QuotaDecision {}

    /** The quota of the given scope ({@code recipient}, {@code org}, {@code org_share} or {@code overall}) is used up. */
    record Exceeded(String scope) implements QuotaDecision {}

    /** Redis could not be asked: nothing may be sent (fail closed). */
    record Unavailable() implements QuotaDecision {}
}
