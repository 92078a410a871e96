package org.scheduleright.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
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
 * Issue 17 item 1 through real processes: a member of the public books, gets one "reply C to confirm" text and no
 * reminder; replying {@code c} confirms the booking (event with source sms, TwiML naming the local time) and only then
 * reminders leave; a repeated webhook acts once; an unsigned one is refused and changes nothing. Another client replies
 * {@code X}: the booking is cancelled, its seat freed and its pending reminder stops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmsReplyStoryTests {

    private static final String BOOKINGS_TOPIC = "scheduleright.bookings.v1";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final String TEMPLATE = "Hi {{name}}, see you at {{site}} on {{date}} at {{time}}. {{replyHint}}";
    private static final String PUBLIC_CLIENT = "+4915112340001";
    private static final String STAFF_CLIENT = "+4915112340002";
    private static final Duration EVENTUALLY = Duration.ofSeconds(90);

    private Platform platform;
    private FakeTwilio twilio;
    private KafkaConsumer<String, byte[]> bookingEvents;
    private final List<ConsumerRecord<String, byte[]>> seenEvents = new ArrayList<>();
    private String staff;
    private String siteId;

    @Test
    void aPublicBookingIsConfirmedByReplyingCAndOnlyThenReminded() throws Exception {
        // 2 h 30 ahead with lead times of 3 h and 1 h: once confirmed, the 3 h reminder is due at once
        Instant start = Instant.now().plus(Duration.ofMinutes(150)).truncatedTo(ChronoUnit.MINUTES);
        String slot = platform.openSlot(staff, siteId, start, 2);
        String bookingId = platform.bookAsMemberOfThePublic(
                        siteId, slot, "Alex Public", "alex.public@example.org", PUBLIC_CLIENT)
                .get("id")
                .asString();

        FakeTwilio.Sms request = await("the one confirmation request")
                .atMost(EVENTUALLY)
                .until(() -> messagesTo(PUBLIC_CLIENT), list -> !list.isEmpty())
                .get(0);
        assertThat(request.body()).contains("Reply C to confirm").doesNotContain("Alex");
        await("nothing else before the reply")
                .during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(20))
                .until(() -> messagesTo(PUBLIC_CLIENT).size() == 1);

        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> answer = platform.clientTexts(sid, PUBLIC_CLIENT, " c ", true);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body())
                .contains("<Message>")
                .contains("confirmed")
                .contains(" at " + LOCAL_TIME.format(start.atZone(BERLIN)));
        JsonNode confirmed = theBookingStreamCarries(bookingId, "org.scheduleright.booking.confirmed.v1");
        assertThat(confirmed.get("source").asString()).isEqualTo("sms");
        assertThat(booking(bookingId).get("status").asString()).isEqualTo("confirmed");

        FakeTwilio.Sms reminder = await("the first reminder, now that it is confirmed")
                .atMost(EVENTUALLY)
                .until(() -> messagesTo(PUBLIC_CLIENT), list -> list.size() >= 2)
                .get(1);
        assertThat(reminder.body()).contains("Alex Public").contains("Reply C to confirm or X to cancel.");

        HttpResponse<String> repeated = platform.clientTexts(sid, PUBLIC_CLIENT, " c ", true);
        assertThat(repeated.statusCode()).isEqualTo(200);
        assertThat(repeated.body()).isEqualTo(answer.body());
        HttpResponse<String> forged =
                platform.clientTexts("SM" + UUID.randomUUID().toString().replace("-", ""), PUBLIC_CLIENT, "X", false);
        assertThat(forged.statusCode()).isEqualTo(403);
        await("one confirmation, no cancellation")
                .during(Duration.ofSeconds(8))
                .atMost(Duration.ofSeconds(30))
                .pollInSameThread()
                .untilAsserted(() -> {
                    assertThat(eventsOf(bookingId, "org.scheduleright.booking.confirmed.v1"))
                            .hasSize(1);
                    assertThat(eventsOf(bookingId, "org.scheduleright.booking.cancelled.v1"))
                            .isEmpty();
                });
        assertThat(booking(bookingId).get("status").asString()).isEqualTo("confirmed");
    }

    @Test
    void replyingXCancelsTheBookingFreesTheSeatAndStopsItsReminders() throws Exception {
        Instant start = Instant.now().plus(Duration.ofMinutes(150)).truncatedTo(ChronoUnit.MINUTES);
        String slot = platform.openSlot(staff, siteId, start, 1);
        JsonNode booked = platform.call(
                "POST",
                "/api/v1/sites/" + siteId + "/bookings",
                staff,
                Map.of("slotId", slot, "clientName", "Bo Staffbooked", "clientPhone", STAFF_CLIENT),
                201);
        String bookingId = booked.get("id").asString();
        assertThat(remaining(slot, start)).isZero();
        await("the 3 h reminder leaves, the 1 h one waits").atMost(EVENTUALLY).untilAsserted(() -> {
            assertThat(messagesTo(STAFF_CLIENT)).hasSize(1);
            assertThat(statuses(bookingId)).contains("scheduled");
        });

        HttpResponse<String> answer =
                platform.clientTexts("SM" + UUID.randomUUID().toString().replace("-", ""), STAFF_CLIENT, "X", true);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("cancelled").contains(" at " + LOCAL_TIME.format(start.atZone(BERLIN)));
        JsonNode cancelled = theBookingStreamCarries(bookingId, "org.scheduleright.booking.cancelled.v1");
        assertThat(cancelled.get("source").asString()).isEqualTo("sms");
        assertThat(booking(bookingId).get("status").asString()).isEqualTo("cancelled");
        assertThat(remaining(slot, start)).isEqualTo(1);
        await("the pending reminder stops")
                .atMost(EVENTUALLY)
                .untilAsserted(() -> assertThat(statuses(bookingId)).doesNotContain("scheduled", "sending"));
        assertThat(messagesTo(STAFF_CLIENT)).hasSize(1);
    }

    // ---------------------------------------------------------------- the steps

    private List<FakeTwilio.Sms> messagesTo(String phone) {
        return twilio.received().stream()
                .filter(sms -> phone.equals(sms.form().get("To")))
                .toList();
    }

    private JsonNode booking(String bookingId) throws Exception {
        return platform.call("GET", "/api/v1/bookings/" + bookingId, staff, null, 200);
    }

    private List<String> statuses(String bookingId) throws Exception {
        return platform.reminders(staff, bookingId).stream()
                .map(r -> r.get("status").asString())
                .toList();
    }

    private int remaining(String slotId, Instant start) throws Exception {
        JsonNode slots = platform.call(
                "GET",
                "/api/v1/sites/" + siteId + "/availability?from=" + start.minusSeconds(60) + "&to="
                        + start.plusSeconds(3600),
                staff,
                null,
                200);
        for (JsonNode slot : slots.get("data")) {
            if (slot.get("id").asString().equals(slotId)) {
                return slot.get("remaining").asInt();
            }
        }
        throw new AssertionError("slot " + slotId + " not listed");
    }

    private JsonNode theBookingStreamCarries(String bookingId, String type) {
        await("event " + type + " on " + BOOKINGS_TOPIC)
                .atMost(EVENTUALLY)
                .pollInSameThread()
                .until(() -> !eventsOf(bookingId, type).isEmpty());
        return platform.json().readTree(eventsOf(bookingId, type).get(0).value());
    }

    private List<ConsumerRecord<String, byte[]>> eventsOf(String bookingId, String type) {
        bookingEvents.poll(Duration.ofMillis(500)).forEach(seenEvents::add);
        return seenEvents.stream()
                .filter(event -> bookingId.equals(header(event, "ce_subject")) && type.equals(header(event, "ce_type")))
                .toList();
    }

    // ---------------------------------------------------------------- the platform

    @BeforeAll
    void startThePlatform() throws Exception {
        platform = Platform.start(Platform.Settings.named("replies"));
        twilio = platform.twilio();
        String admin = platform.login(
                platform.settings().adminEmail(), platform.settings().adminPassword());
        String orgId = platform.createOrganisation(admin, "Reply Care Centre", BERLIN);
        String staffEmail = "staff." + UUID.randomUUID() + "@story.scheduleright.local";
        String staffPassword = "Story-staff-" + UUID.randomUUID();
        platform.createStaffMember(admin, orgId, staffEmail, "Story Staff", staffPassword);
        staff = platform.login(staffEmail, staffPassword);
        siteId = platform.createSite(staff, orgId, "Mitte Clinic", BERLIN);
        platform.call(
                "PUT",
                "/api/v1/reminders/settings",
                staff,
                Map.of(
                        "enabled",
                        true,
                        "leadTimesHours",
                        List.of(3, 1),
                        "template",
                        TEMPLATE,
                        "sendCancellationNotice",
                        false,
                        "repliesEnabled",
                        true),
                200);
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().getBrokersAsString());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "replies-" + platform.suffix());
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

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
