package org.scheduleright.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * A crash loses no reminder that was never sent (issue 17, item 7): reminder-service, a real process, is killed with
 * SIGKILL while it sends 30 due reminders to a slow Twilio (400 ms per message), then started again. Every reminder
 * that had not reached Twilio is sent exactly once, none reaches anyone twice, and those Twilio received while the
 * process died (the outcome never recorded) end {@code unknown (worker_lost)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReminderCrashStoryTests {

    private static final int REMINDERS = 30;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Set<String> FINAL = Set.of("sent", "unknown");

    private Platform platform;

    @Test
    void everyReminderThatHadNotReachedTwilioIsSentOnceAfterAKillAndNoneTwice() throws Exception {
        String admin = platform.login(
                platform.settings().adminEmail(), platform.settings().adminPassword());
        String orgId = platform.createOrganisation(admin, "Crash Care Centre", BERLIN);
        String staffEmail = "staff." + UUID.randomUUID() + "@crash.scheduleright.local";
        String staffPassword = "Crash-staff-" + UUID.randomUUID();
        platform.createStaffMember(admin, orgId, staffEmail, "Crash Staff", staffPassword);
        String staff = platform.login(staffEmail, staffPassword);
        String siteId = platform.createSite(staff, orgId, "Mitte clinic", BERLIN);
        platform.remindOneHourAheadWithoutCancellationNotice(staff, "Hi {{name}}, see you on {{date}} at {{time}}.");

        // 45 minutes ahead with a one-hour lead time: each booking's reminder is due as soon as it is planned.
        Instant start = Instant.now().plus(Duration.ofMinutes(45)).truncatedTo(ChronoUnit.MINUTES);
        String slotId = platform.openSlot(staff, siteId, start, REMINDERS);
        Map<String, String> phoneOfBooking = new LinkedHashMap<>();
        for (int i = 0; i < REMINDERS; i++) {
            String phone = String.format("+1555300%04d", i);
            String name = "Crash Client " + (char) ('a' + i / 26) + (char) ('a' + i % 26);
            JsonNode booking = platform.call(
                    "POST",
                    "/api/v1/sites/" + siteId + "/bookings",
                    staff,
                    Map.of(
                            "slotId",
                            slotId,
                            "clientName",
                            name,
                            "clientEmail",
                            "crash." + i + "@example.org",
                            "clientPhone",
                            phone),
                    201);
            phoneOfBooking.put(booking.get("id").asString(), phone);
        }

        // Some reminders are answered, some are at Twilio right now, the rest wait: kill the process mid-batch.
        await("reminders reach the slow Twilio")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> platform.twilio().received().size() >= 12);
        platform.kill(Platform.REMINDER);
        // a request already on the wire when the process died may still arrive: wait until Twilio has been quiet
        await("Twilio quiet after the kill")
                .atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ofMillis(200))
                .until(() -> platform.twilio().received().size(), received -> received == settledCount());
        Map<String, Long> reachedBeforeKill = perRecipient();
        assertThat(reachedBeforeKill.values())
                .as("nothing sent twice before the kill")
                .containsOnly(1L);
        assertThat(reachedBeforeKill).as("the kill came mid-batch").hasSizeLessThan(REMINDERS);

        platform.restart(Platform.REMINDER);

        // Within a minute of the restart every reminder is settled: none is left scheduled or sending.
        Map<String, JsonNode> outcome = await("every reminder is sent or known to be ambiguous")
                .atMost(Duration.ofSeconds(80))
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> outcomes(staff, phoneOfBooking.keySet()),
                        all -> all.size() == REMINDERS
                                && all.values().stream()
                                        .allMatch(r ->
                                                FINAL.contains(r.get("status").asString())));

        Map<String, Long> reached = perRecipient();
        assertThat(reached.values()).as("no client got it twice").containsOnly(1L);
        List<String> ambiguous = new ArrayList<>();
        outcome.forEach((bookingId, reminder) -> {
            String phone = phoneOfBooking.get(bookingId);
            String status = reminder.get("status").asString();
            if (status.equals("unknown")) {
                // handed over before the kill: it reached Twilio, or the process died between recording the hand-off
                // and the request leaving; either way it is never sent again
                assertThat(reminder.get("reason").asString()).isEqualTo("worker_lost");
                assertThat(reached.getOrDefault(phone, 0L))
                        .as("an ambiguous reminder is never resent: " + phone)
                        .isEqualTo(reachedBeforeKill.getOrDefault(phone, 0L));
                ambiguous.add(phone);
            } else {
                assertThat(status).as("every other reminder is sent: " + phone).isEqualTo("sent");
                assertThat(reached).as("and reached its client once: " + phone).containsEntry(phone, 1L);
            }
        });
        assertThat(ambiguous)
                .as("what was handed over when the process died stays ambiguous, at most one per send lane")
                .isNotEmpty()
                .hasSizeLessThanOrEqualTo(8);
        // nothing is resent later either
        await("still one message per client")
                .during(Duration.ofSeconds(6))
                .atMost(Duration.ofSeconds(20))
                .until(() ->
                        platform.twilio().received().size() == reached.values().size());
    }

    private int settled = -1;

    /** The number of messages received at the previous poll (the poll before a quiet one sees the same count). */
    private int settledCount() {
        int now = platform.twilio().received().size();
        int before = settled;
        settled = now;
        return before;
    }

    /** How many messages fake Twilio received per number. */
    private Map<String, Long> perRecipient() {
        return platform.twilio().received().stream()
                .collect(Collectors.groupingBy(sms -> sms.form().get("To"), Collectors.counting()));
    }

    /** The reminder of each booking that has exactly one, as staff see it. */
    private Map<String, JsonNode> outcomes(String staff, Set<String> bookingIds) throws Exception {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String bookingId : bookingIds) {
            List<JsonNode> reminders = platform.reminders(staff, bookingId);
            if (reminders.size() == 1) {
                out.put(bookingId, reminders.get(0));
            }
        }
        return out;
    }

    @BeforeAll
    void startThePlatformWithASlowTwilio() throws Exception {
        platform = Platform.start(Platform.Settings.named("crash")
                .withTwilioDelay(Duration.ofMillis(400))
                .withReminderEnv(Map.of(
                        // 30 SMS of one organisation within the hour (the overall 50 per hour still applies)
                        "SMS_ORG_HOURLY_SHARE_PERCENT",
                        "100",
                        // a send takes 400 ms here: what Twilio received when the process died is declared lost
                        // 15 s after its hand-off instead of 10 min
                        "SCHEDULERIGHT_REMINDERS_CLAIMTIMEOUT",
                        "15s")));
    }

    @AfterAll
    void stopThePlatform() {
        if (platform != null) {
            platform.close();
        }
    }
}
