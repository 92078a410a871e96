package org.scheduleright.reminder.quota;

/**
 * How much of the service's overall hourly SMS ceiling one organisation may use, so that one organisation (or an
 * attacker booking through its public page) can never use up the SMS of every other organisation: at most
 * {@code sharePercent} % of the ceiling, rounded down, but at least one SMS an hour.
 */
public final class FairShare {

    private FairShare() {}

    /**
     * The hourly SMS an organisation may send.
     *
     * @param overallPerHour the service's overall hourly ceiling (at least 1)
     * @param sharePercent the share of it one organisation may use, 1–100
     */
    public static long perOrganisationHourly(long overallPerHour, int sharePercent) {
        if (overallPerHour < 1) {
            throw new IllegalArgumentException("the overall hourly ceiling must be at least 1, not " + overallPerHour);
        }
        if (sharePercent < 1 || sharePercent > 100) {
            throw new IllegalArgumentException("an organisation's share must be 1–100 %, not " + sharePercent);
        }
        return Math.max(1, Math.multiplyExact(overallPerHour, sharePercent) / 100);
    }
}
