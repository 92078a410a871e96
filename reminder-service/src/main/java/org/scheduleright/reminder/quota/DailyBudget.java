package org.scheduleright.reminder.quota;

/**
 * An organisation's daily SMS budget: what it chose in its reminder settings, or the platform default, never above
 * the platform maximum (an operator who lowers the maximum lowers every larger choice with it); and when its usage
 * crosses the warning ratio.
 */
public final class DailyBudget {

    private DailyBudget() {}

    /**
     * The budget in force.
     *
     * @param chosen the organisation's choice, null when it never chose one
     * @param platformDefault the budget of an organisation that never chose one
     * @param platformMaximum the largest budget any organisation may have
     */
    public static long effective(Integer chosen, long platformDefault, long platformMaximum) {
        if (platformDefault < 1 || platformMaximum < 1) {
            throw new IllegalArgumentException(
                    "budgets must be at least 1, not " + platformDefault + " / " + platformMaximum);
        }
        long wanted = chosen == null ? platformDefault : chosen;
        return Math.max(1, Math.min(wanted, platformMaximum));
    }

    /**
     * Whether a budget may be chosen: between 1 and the platform maximum.
     *
     * @return null when it may, else why not, for the caller
     */
    public static String problemWith(long chosen, long platformMaximum) {
        return chosen < 1 || chosen > platformMaximum ? "must be between 1 and " + platformMaximum : null;
    }

    /**
     * Whether the SMS just taken moved the day's usage from below {@code warnRatio} of the budget to at or above it:
     * true for exactly one SMS per budget window, whichever replica took it (the buckets serialise the takes).
     *
     * @param budget the day's budget
     * @param used the day's SMS including the one just taken
     */
    public static boolean crossesWarning(long budget, long used, double warnRatio) {
        long threshold = Math.max(1, (long) Math.ceil(budget * warnRatio));
        return used == threshold;
    }
}
