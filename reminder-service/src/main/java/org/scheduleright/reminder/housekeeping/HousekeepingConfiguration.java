package org.scheduleright.reminder.housekeeping;

import org.scheduleright.platform.housekeeping.Purge;
import org.scheduleright.platform.housekeeping.SqlPurges;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The rows the reminder-service purges through the platform housekeeping: processed event ids, finished reminders and
 * the copies of bookings long over, handled inbound SMS answers; the outbox is purged by the platform's outbox
 * configuration. Another table joins with one more {@link Purge} bean.
 */
@Configuration(proxyBeanMethods = false)
class HousekeepingConfiguration {

    /** The statuses after which a reminder never changes again but for a late delivery report. */
    static final String FINISHED = "status IN ('sent', 'delivered', 'failed', 'skipped', 'cancelled', 'unknown')";

    @Bean
    Purge processedEventIds(DatabaseClient database, RetentionProperties retention) {
        return new Purge(
                "processed-events",
                retention.processedEvents(),
                SqlPurges.olderThan(database, "processed_events", "processed_at"));
    }

    /**
     * Inbound SMS answers (MessageSid, outcome, the answer given; never the number or the text) are kept as long as
     * processed event ids: Twilio repeats a webhook within hours, never weeks later.
     */
    @Bean
    Purge handledInboundReplies(DatabaseClient database, RetentionProperties retention) {
        return new Purge(
                "inbound-replies",
                retention.processedEvents(),
                SqlPurges.olderThan(database, "inbound_replies", "received_at"));
    }

    @Bean
    Purge finishedReminders(DatabaseClient database, RetentionProperties retention) {
        return new Purge(
                "finished-reminders",
                retention.finishedReminders(),
                SqlPurges.olderThan(database, "reminders", "updated_at", FINISHED));
    }

    /** A booking whose appointment ended long ago and that no unfinished reminder still needs. */
    @Bean
    Purge pastBookings(DatabaseClient database, RetentionProperties retention) {
        return new Purge(
                "known-bookings",
                retention.knownBookings(),
                SqlPurges.olderThan(
                        database,
                        "bookings",
                        "end_time",
                        "NOT EXISTS (SELECT 1 FROM reminders r WHERE r.booking_id = bookings.booking_id AND r.status"
                                + " IN ('scheduled', 'sending'))"));
    }
}
