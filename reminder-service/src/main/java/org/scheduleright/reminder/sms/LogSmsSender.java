package org.scheduleright.reminder.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The sender used without Twilio credentials: it sends nothing, logs that SMS is disabled (without number or text)
 * and keeps the last messages in memory for the local demo, each clearly marked as not sent and listed only to its own
 * organisation.
 */
public class LogSmsSender implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(LogSmsSender.class);

    /** A message the sink kept; it was not sent. */
    public record Kept(UUID reminderId, UUID orgId, String maskedTo, String body, Instant at, String note) {}

    private final Deque<Kept> kept = new ArrayDeque<>();

    private final int capacity;

    private final Clock clock;

    public LogSmsSender(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public Mono<SmsOutcome> send(SmsMessage message) {
        return Mono.fromSupplier(() -> {
            log.warn("SMS is disabled (SMS_SINK=log): reminder {} was not sent", message.reminderId());
            String number = message.to().e164();
            synchronized (kept) {
                kept.addFirst(new Kept(
                        message.reminderId(),
                        message.orgId(),
                        number.substring(0, 3) + "***" + number.substring(number.length() - 2),
                        message.body(),
                        clock.instant(),
                        "not sent: SMS is disabled"));
                while (kept.size() > capacity) {
                    kept.removeLast();
                }
            }
            return new SmsOutcome.Disabled();
        });
    }

    /**
     * The most recent messages of one organisation, newest first; none for a caller without an organisation (a
     * platform ADMIN), so that no listing ever mixes tenants.
     */
    public List<Kept> recentOf(String orgId) {
        if (orgId == null) {
            return List.of();
        }
        return recent().stream()
                .filter(kept -> kept.orgId() != null && kept.orgId().toString().equalsIgnoreCase(orgId))
                .toList();
    }

    /** The most recent messages of every organisation, newest first. */
    public List<Kept> recent() {
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }
}
