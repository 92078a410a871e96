package org.scheduleright.reminder.reply.persistence;

import static org.scheduleright.reminder.support.UtcTimes.toColumn;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Inbound SMS replies already handled, by Twilio's MessageSid, with the answer given, so that a webhook Twilio repeats
 * acts once and gets the same answer. Neither the number nor the text of the reply is stored.
 */
@Repository
public class InboundReplies {

    private final DatabaseClient database;

    InboundReplies(DatabaseClient database) {
        this.database = database;
    }

    /** The answer given to the message with that sid, when it was handled before. */
    public Mono<String> answerTo(String messageSid) {
        return database.sql("SELECT answer FROM inbound_replies WHERE message_sid = :sid")
                .bind("sid", messageSid)
                .map(row -> row.get("answer", String.class))
                .one();
    }

    /**
     * Records a handled message; emits false when it was recorded before (a concurrent repeat).
     *
     * @param bookingId the booking it answered, or null
     * @param answer the text answered, empty for none
     */
    public Mono<Boolean> record(
            String messageSid, UUID orgId, UUID bookingId, String outcome, String answer, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("INSERT IGNORE INTO inbound_replies (message_sid, org_id,"
                        + " booking_id, outcome, answer, received_at) VALUES (:sid, :org, :booking, :outcome, :answer,"
                        + " :now)")
                .bind("sid", messageSid)
                .bind("outcome", outcome)
                .bind("answer", answer)
                .bind("now", toColumn(now));
        spec = orgId == null ? spec.bindNull("org", String.class) : spec.bind("org", orgId.toString());
        spec = bookingId == null ? spec.bindNull("booking", String.class) : spec.bind("booking", bookingId.toString());
        return spec.fetch().rowsUpdated().map(rows -> rows > 0);
    }
}
