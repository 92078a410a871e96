package org.scheduleright.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The whole platform, black-box: the three service jars as child processes, a real Kafka broker and a fake Twilio.
 * An admin sets up a care centre, a member of the public books, staff confirm, the client gets one SMS naming the
 * local time, Twilio reports it delivered; then staff reschedule and cancel and no stale reminder ever leaves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookingReminderStoryTests {

    private static final String BOOKINGS_TOPIC = "scheduleright.bookings.v1";
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter TEMPLATE_TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter TEMPLATE_DATE =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final String TEMPLATE = "Hi {{name}}, see you at {{site}} on {{date}} at {{time}}.";
    private static final String CLIENT_PHONE = "+15551234567";
    private static final Duration EVENTUALLY = Duration.ofSeconds(90);

    private Platform platform;
    private FakeTwilio twilio;
    private KafkaConsumer<String, byte[]> bookingEvents;
    private final List<ConsumerRecord<String, byte[]>> seenEvents = new ArrayList<>();
    private String gateway;

    // ---------------------------------------------------------------- the story

    @Test
    void aClientIsRemindedOnceAtTheRightLocalTimeAndNeverAboutAStaleAppointment() throws Exception {
        String adminToken = platform.login(
                platform.settings().adminEmail(), platform.settings().adminPassword());

        String orgId = platform.createOrganisation(adminToken, "Story Care Centre", NEW_YORK);
        String staffEmail = "staff." + UUID.randomUUID() + "@story.scheduleright.local";
        String staffPassword = "Story-staff-" + UUID.randomUUID();
        platform.createStaffMember(adminToken, orgId, staffEmail, "Story Staff", staffPassword);
        String staff = platform.login(staffEmail, staffPassword);

        String siteId = platform.createSite(staff, orgId, "Riverside clinic", NEW_YORK);
        platform.remindOneHourAheadWithoutCancellationNotice(staff, TEMPLATE);

        Instant firstStart = Instant.now().plus(Duration.ofMinutes(47)).truncatedTo(ChronoUnit.MINUTES);
        Instant laterStart = Instant.now().plus(Duration.ofMinutes(53)).truncatedTo(ChronoUnit.MINUTES);
        String firstSlot = platform.openSlot(staff, siteId, firstStart, 2);
        String laterSlot = platform.openSlot(staff, siteId, laterStart, 2);

        // Names are letters only (issue 14): the UUID's hex digits become the letters g-p.
        String clientName = "Alex Story "
                + UUID.randomUUID()
                        .toString()
                        .substring(0, 6)
                        .chars()
                        .map(c -> Character.isDigit(c) ? 'g' + (c - '0') : c)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
        JsonNode booking =
                platform.bookAsMemberOfThePublic(siteId, firstSlot, clientName, "alex.story@example.org", CLIENT_PHONE);
        String bookingId = booking.get("id").asString();
        assertThat(Instant.parse(booking.get("startTime").asString())).isEqualTo(firstStart);
        assertThat(booking.get("timezone").asString()).isEqualTo(NEW_YORK.getId());

        confirm(staff, bookingId);

        theBookingStreamCarries(bookingId, "org.scheduleright.booking.created.v1");
        theBookingStreamCarries(bookingId, "org.scheduleright.booking.confirmed.v1");

        String firstTime = TEMPLATE_TIME.format(firstStart.atZone(NEW_YORK));
        String laterTime = TEMPLATE_TIME.format(laterStart.atZone(NEW_YORK));
        assertThat(firstTime).isNotEqualTo(laterTime);

        FakeTwilio.Sms reminder = fakeTwilioReceivesExactlyOneMessage();
        assertThat(reminder.form())
                .containsEntry("To", CLIENT_PHONE)
                .containsEntry("From", platform.twilioFrom)
                .containsEntry("StatusCallback", gateway + "/webhooks/twilio/status");
        assertThat(reminder.body())
                .contains(clientName)
                // the site's name travels in the booking events (issue 17), never a placeholder
                .contains("see you at Riverside clinic on ")
                .doesNotContain("the site")
                .contains(" on " + TEMPLATE_DATE.format(firstStart.atZone(NEW_YORK)) + " at " + firstTime);
        assertThat(reminder.path()).isEqualTo("/2010-04-01/Accounts/" + platform.twilioSid + "/Messages.json");

        remindersShowOne(staff, bookingId, "sent");
        twilioReportsDelivered(reminder.sid());
        remindersShowOne(staff, bookingId, "delivered");

        int sentBeforeReschedule = twilio.received().size();
        reschedule(staff, bookingId, laterSlot);
        theBookingStreamCarries(bookingId, "org.scheduleright.booking.rescheduled.v1");
        // The later start is also less than an hour away but more than the 30-minute minimum notice: one reminder
        // for the new time is due at once, and its text names the new time only.
        List<JsonNode> afterReschedule = await("a reminder for the new time leaves")
                .atMost(EVENTUALLY)
                .until(
                        () -> platform.reminders(staff, bookingId),
                        list -> list.size() == 2
                                && list.stream()
                                        .anyMatch(
                                                r -> r.get("status").asString().equals("sent")));
        assertThat(afterReschedule).hasSize(2);
        assertThat(afterReschedule)
                .anySatisfy(r -> assertThat(r.get("status").asString()).isEqualTo("delivered"));
        List<FakeTwilio.Sms> sinceReschedule = twilio.receivedSince(sentBeforeReschedule);
        assertThat(sinceReschedule).singleElement().satisfies(sms -> {
            assertThat(sms.body())
                    .contains("see you at Riverside clinic on ")
                    .contains(" at " + laterTime)
                    .doesNotContain(" at " + firstTime);
            assertThat(sms.form()).containsEntry("To", CLIENT_PHONE);
        });

        int sentBeforeCancel = twilio.received().size();
        cancel(staff, bookingId);
        theBookingStreamCarries(bookingId, "org.scheduleright.booking.cancelled.v1");
        // Nothing is pending any more and no cancellation notice is wanted: Twilio hears nothing further.
        await("no message after the cancellation")
                .during(Duration.ofSeconds(10))
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    assertThat(twilio.receivedSince(sentBeforeCancel)).isEmpty();
                    assertThat(platform.reminders(staff, bookingId))
                            .noneMatch(r -> r.get("status").asString().equals("scheduled")
                                    || r.get("status").asString().equals("sending"));
                });
        assertThat(twilio.receivedSince(sentBeforeReschedule))
                .noneMatch(sms -> sms.body().contains(" at " + firstTime));
    }

    // ---------------------------------------------------------------- the steps

    private void confirm(String token, String bookingId) throws Exception {
        JsonNode confirmed = call("PUT", "/api/v1/bookings/" + bookingId + "/confirm", token, Map.of(), 200);
        assertThat(confirmed.get("status").asString()).isEqualTo("confirmed");
    }

    private void reschedule(String token, String bookingId, String slotId) throws Exception {
        call("PUT", "/api/v1/bookings/" + bookingId + "/reschedule", token, Map.of("slotId", slotId), 200);
    }

    private void cancel(String token, String bookingId) throws Exception {
        JsonNode cancelled = call(
                "PUT", "/api/v1/bookings/" + bookingId + "/cancel", token, Map.of("reason", "story finished"), 200);
        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
    }

    private void theBookingStreamCarries(String bookingId, String type) {
        await("event " + type + " on " + BOOKINGS_TOPIC)
                .atMost(EVENTUALLY)
                .pollInSameThread()
                .until(() -> {
                    bookingEvents.poll(Duration.ofMillis(500)).forEach(seenEvents::add);
                    return seenEvents.stream()
                            .anyMatch(event -> bookingId.equals(header(event, "ce_subject"))
                                    && type.equals(header(event, "ce_type")));
                });
    }

    private FakeTwilio.Sms fakeTwilioReceivesExactlyOneMessage() {
        await("the reminder reaches Twilio")
                .atMost(EVENTUALLY)
                .until(() -> !twilio.received().isEmpty());
        // Confirming does not plan a second reminder for the same start: still only one message.
        await("still a single message")
                .during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(20))
                .until(() -> twilio.received().size() == 1);
        return twilio.received().get(0);
    }

    private void remindersShowOne(String token, String bookingId, String status) {
        await("the reminder is " + status)
                .atMost(EVENTUALLY)
                .untilAsserted(() -> assertThat(platform.reminders(token, bookingId))
                        .singleElement()
                        .satisfies(r -> assertThat(r.get("status").asString()).isEqualTo(status)));
    }

    private void twilioReportsDelivered(String messageSid) throws Exception {
        platform.twilioReports(messageSid, "delivered", CLIENT_PHONE);
    }

    // ---------------------------------------------------------------- the platform

    @BeforeAll
    void startThePlatform() throws Exception {
        platform = Platform.start(Platform.Settings.named("story"));
        twilio = platform.twilio();
        gateway = platform.gateway();
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().getBrokersAsString());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "story-" + platform.suffix());
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        bookingEvents = new KafkaConsumer<>(consumer);
        bookingEvents.subscribe(List.of(BOOKINGS_TOPIC));
    }

    @AfterAll
    void stopThePlatform() {
        if (bookingEvents != null) {
            bookingEvents.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    private JsonNode call(String method, String path, String token, Object body, int expected) throws Exception {
        return platform.call(method, path, token, body, expected);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
