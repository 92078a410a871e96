package org.scheduleright.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Per-organisation SMS budgets (issue 17, item 4), through the real processes: one organisation sets a daily budget of
 * two SMS in its reminder settings and books four clients; two are reminded, the other two reminders are skipped for
 * the quota; another organisation's clients are all reminded afterwards, its sending untouched by the first one's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmsBudgetStoryTests {

    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
    private static final Duration EVENTUALLY = Duration.ofSeconds(90);

    private Platform platform;

    /** An organisation with a staff member, a site, one-hour reminders and the given settings' budget. */
    private record Organisation(String staff, String siteId) {}

    private Organisation organisation(String admin, String name, Integer dailySmsBudget) throws Exception {
        String orgId = platform.createOrganisation(admin, name, LISBON);
        String email = "staff." + UUID.randomUUID() + "@budget.scheduleright.local";
        String password = "Budget-staff-" + UUID.randomUUID();
        platform.createStaffMember(admin, orgId, email, name + " Staff", password);
        String staff = platform.login(email, password);
        String siteId = platform.createSite(staff, orgId, name + " clinic", LISBON);
        platform.remindOneHourAheadWithoutCancellationNotice(staff, "Hi {{name}}, see you at {{site}} at {{time}}.");
        if (dailySmsBudget != null) {
            JsonNode settings = platform.call("GET", "/api/v1/reminders/settings", staff, null, 200);
            Map<String, Object> body = platform.json().convertValue(settings, Map.class);
            body.put("dailySmsBudget", dailySmsBudget);
            JsonNode saved = platform.call("PUT", "/api/v1/reminders/settings", staff, body, 200);
            assertThat(saved.get("dailySmsBudget").asLong()).isEqualTo(dailySmsBudget.longValue());
        }
        return new Organisation(staff, siteId);
    }

    /** Books {@code count} clients 45 minutes ahead: with a one-hour lead time each reminder is due at once. */
    private List<String> bookClients(Organisation org, int count) throws Exception {
        Instant start = Instant.now().plus(Duration.ofMinutes(45)).truncatedTo(ChronoUnit.MINUTES);
        String slotId = platform.openSlot(org.staff(), org.siteId(), start, count);
        List<String> bookingIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String phone = "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
            JsonNode booking = platform.call(
                    "POST",
                    "/api/v1/sites/" + org.siteId() + "/bookings",
                    org.staff(),
                    Map.of(
                            "slotId",
                            slotId,
                            "clientName",
                            "Budget Client " + (char) ('a' + i),
                            "clientEmail",
                            "budget." + i + "@example.org",
                            "clientPhone",
                            phone),
                    201);
            bookingIds.add(booking.get("id").asString());
        }
        return bookingIds;
    }

    /** Waits until each booking's reminder has an outcome and returns them as {@code status/reason}. */
    private List<String> outcomes(Organisation org, List<String> bookingIds) {
        return await("every reminder has an outcome")
                .atMost(EVENTUALLY)
                // 404 until the reminder-service has learned of the booking from Kafka
                .ignoreExceptionsInstanceOf(AssertionError.class)
                .until(
                        () -> {
                            List<String> out = new ArrayList<>();
                            for (String bookingId : bookingIds) {
                                for (JsonNode reminder : platform.reminders(org.staff(), bookingId)) {
                                    String status = reminder.get("status").asString();
                                    JsonNode reason = reminder.get("reason");
                                    out.add(status
                                            + (reason == null || reason.isNull() ? "" : "/" + reason.asString()));
                                }
                            }
                            return out;
                        },
                        out -> out.size() == bookingIds.size()
                                && out.stream().noneMatch(o -> o.startsWith("scheduled") || o.startsWith("sending")));
    }

    @Test
    void oneOrganisationExhaustingItsBudgetDoesNotStopAnothersReminders() throws Exception {
        String admin = platform.login(
                platform.settings().adminEmail(), platform.settings().adminPassword());
        Organisation frugal = organisation(admin, "Frugal Care", 2);
        Organisation busy = organisation(admin, "Busy Care", null);

        JsonNode tooMuch = platform.call("GET", "/api/v1/reminders/settings", frugal.staff(), null, 200);
        Map<String, Object> overMaximum = platform.json().convertValue(tooMuch, Map.class);
        overMaximum.put("dailySmsBudget", tooMuch.get("dailySmsBudgetMax").asLong() + 1);
        JsonNode refused = platform.call("PUT", "/api/v1/reminders/settings", frugal.staff(), overMaximum, 400);
        assertThat(refused.get("details").get(0).get("field").asString()).isEqualTo("dailySmsBudget");

        int before = platform.twilio().received().size();
        List<String> frugalOutcomes = outcomes(frugal, bookClients(frugal, 4));
        assertThat(frugalOutcomes).containsExactlyInAnyOrder("sent", "sent", "skipped/quota", "skipped/quota");
        assertThat(platform.twilio().receivedSince(before)).hasSize(2);

        int afterFrugal = platform.twilio().received().size();
        List<String> busyOutcomes = outcomes(busy, bookClients(busy, 3));
        assertThat(busyOutcomes).containsExactly("sent", "sent", "sent");
        assertThat(platform.twilio().receivedSince(afterFrugal)).hasSize(3);
    }

    @BeforeAll
    void startThePlatform() throws Exception {
        platform = Platform.start(Platform.Settings.named("budget"));
    }

    @AfterAll
    void stopThePlatform() {
        if (platform != null) {
            platform.close();
        }
    }
}
