package org.scheduleright.reminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.booking.BookingCancelled;
import org.scheduleright.events.booking.BookingCreated;
import org.scheduleright.events.booking.BookingSource;
import org.scheduleright.reminder.ReminderIntegrationTest;
import org.scheduleright.reminder.reminder.domain.QuietHours;
import org.scheduleright.reminder.reminder.domain.ReminderKind;
import org.scheduleright.reminder.reminder.domain.ReminderSettings;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;
import org.scheduleright.reminder.reminder.persistence.ReminderRow;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.scheduleright.reminder.settings.persistence.OrgReminderSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** A cancelled booking gets one notice, in the site's time zone, when its organisation announces cancellations. */
class CancellationNoticeIntegrationTests extends ReminderIntegrationTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Autowired
    SmsDispatcher dispatcher;

    @Autowired
    Reminders reminders;

    @Autowired
    DatabaseClient database;

    @Autowired
    OrgReminderSettings settings;

    private static BookingCancelled cancelled(BookingCreated created, Instant occurredAt) {
        return new BookingCancelled(
                UUID.randomUUID(),
                created.bookingId(),
                created.orgId(),
                created.siteId(),
                created.slotId(),
                created.startTime(),
                created.endTime(),
                created.timezone(),
                created.source(),
                occurredAt,
                created.contact());
    }

    private List<ReminderRow> notices(UUID bookingId) {
        return reminders
                .ofBooking(bookingId)
                .filter(row -> row.kind() == ReminderKind.CANCELLATION)
                .collectList()
                .block();
    }

    private List<ReminderRow> all(UUID bookingId) {
        return reminders.ofBooking(bookingId).collectList().block();
    }

    private void drain() {
        Mono.defer(dispatcher::dispatchDue)
                .repeat(20)
                .takeUntil(claimed -> claimed == 0)
                .blockLast();
    }

    /** Without quiet hours, so that a test does not depend on the hour it runs at. */
    private void announceCancellations(UUID orgId, boolean announce) {
        announceCancellations(orgId, announce, null);
    }

    private void announceCancellations(UUID orgId, boolean announce, QuietHours quiet) {
        ReminderSettings defaults = ReminderSettings.DEFAULT;
        settings.save(
                        orgId,
                        new ReminderSettings(
                                defaults.enabled(), defaults.leadTimesHours(), defaults.template(), announce, quiet),
                        Instant.now())
                .block();
    }

    @Test
    void sendsOneNoticeInTheSiteTimeZoneWhenTheOrganisationAnnouncesCancellations() throws Exception {
        Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES);
        BookingCreated created = created(start, Instant.now().minusSeconds(10), "+33612345678");
        announceCancellations(created.orgId(), true);
        publish(created);
        publish(confirmed(created, Instant.now().minusSeconds(8)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> all(created.bookingId()).size() == 2);

        publish(cancelled(created, Instant.now().minusSeconds(5)));
        publish(cancelled(created, Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> notices(created.bookingId()).size() == 1
                        && all(created.bookingId()).stream()
                                .filter(row -> row.kind() == ReminderKind.REMINDER)
                                .allMatch(row -> row.status() == ReminderStatus.CANCELLED));
        drain();

        ReminderRow notice = notices(created.bookingId()).get(0);
        assertThat(notice.status()).isEqualTo(ReminderStatus.SENT);
        String localTime = DateTimeFormatter.ofPattern("HH:mm").format(start.atZone(ZoneId.of("Europe/Paris")));
        assertThat(sms.messagesOf(notice.id()))
                .singleElement()
                .satisfies(message -> assertThat(message.body())
                        .contains("has been cancelled")
                        .contains(" at " + localTime + " "));
        assertThat(notices(created.bookingId())).hasSize(1);
    }

    @Test
    void sendsNoNoticeWhenTheOrganisationDoesNotAnnounceCancellations() throws Exception {
        BookingCreated created =
                created(Instant.now().plus(Duration.ofDays(3)), Instant.now().minusSeconds(10), "+33612345678");
        announceCancellations(created.orgId(), false);
        publish(created);
        publish(confirmed(created, Instant.now().minusSeconds(5)));
        publish(cancelled(created, Instant.now()));

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<ReminderRow> rows = all(created.bookingId());
            return rows.size() == 2 && rows.stream().allMatch(row -> row.status() == ReminderStatus.CANCELLED);
        });
        assertThat(notices(created.bookingId())).isEmpty();
    }

    /**
     * Issue 14 item 4: a notice carries the client's name, so the cancellation of a public booking nobody confirmed
     * (an unverified number typed into the public form) texts nobody.
     */
    @Test
    void sendsNoNoticeForAPublicBookingThatWasNeverConfirmed() throws Exception {
        BookingCreated created = created(
                Instant.now().plus(Duration.ofDays(3)),
                Instant.now().minusSeconds(10),
                "+33612345678",
                BookingSource.PUBLIC);
        announceCancellations(created.orgId(), true);
        publish(created);
        BookingCancelled cancelled = cancelled(created, Instant.now());
        publish(cancelled);

        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        Boolean.TRUE.equals(database.sql("SELECT COUNT(*) AS n FROM processed_events WHERE ce_id = :id")
                                .bind("id", cancelled.eventId().toString())
                                .map(row -> row.get("n", Long.class) > 0)
                                .one()
                                .block()));
        assertThat(all(created.bookingId())).isEmpty();
    }

    /** Quiet hours from an hour ago to an hour from now (site-local, to the minute): the present is inside them. */
    private static QuietHours quietAroundNow(Instant now) {
        LocalTime local = LocalTime.ofInstant(now, PARIS).truncatedTo(ChronoUnit.MINUTES);
        return new QuietHours(local.minusHours(1), local.plusHours(1));
    }

    private boolean processed(UUID eventId) {
        return Boolean.TRUE.equals(database.sql("SELECT COUNT(*) AS n FROM processed_events WHERE ce_id = :id")
                .bind("id", eventId.toString())
                .map(row -> row.get("n", Long.class) > 0)
                .one()
                .block());
    }

    /** Issue 17 item 5: a cancellation inside quiet hours is announced when they end, not in the night. */
    @Test
    void holdsANoticeUntilTheSitesQuietHoursEnd() throws Exception {
        Instant now = Instant.now();
        Instant start = now.plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES);
        BookingCreated created = created(start, now.minusSeconds(10), "+33612345678");
        announceCancellations(created.orgId(), true, quietAroundNow(now));
        publish(created);
        publish(confirmed(created, now.minusSeconds(8)));
        publish(cancelled(created, now.minusSeconds(5)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> notices(created.bookingId()).size() == 1);

        drain();

        ReminderRow notice = notices(created.bookingId()).get(0);
        assertThat(notice.status()).isEqualTo(ReminderStatus.SCHEDULED);
        assertThat(notice.plannedAt())
                .as("the end of the quiet period, an hour from the minute it started")
                .isEqualTo(now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofHours(1)));
        assertThat(sms.messagesOf(notice.id())).isEmpty();
    }

    /** Issue 17 item 5: a notice that could only leave once the appointment has started is never queued. */
    @Test
    void dropsTheNoticeWhenTheAppointmentStartsBeforeTheQuietHoursEnd() throws Exception {
        Instant now = Instant.now();
        Instant start = now.plus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.MINUTES);
        BookingCreated created = created(start, now.minusSeconds(10), "+33612345678");
        announceCancellations(created.orgId(), true, quietAroundNow(now));
        publish(created);
        publish(confirmed(created, now.minusSeconds(8)));
        BookingCancelled cancelled = cancelled(created, now.minusSeconds(5));
        publish(cancelled);

        await().atMost(Duration.ofSeconds(30)).until(() -> processed(cancelled.eventId()));
        assertThat(notices(created.bookingId())).isEmpty();
    }
}
