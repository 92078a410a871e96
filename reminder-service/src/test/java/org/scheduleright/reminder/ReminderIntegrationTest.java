package org.scheduleright.reminder;

import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.scheduleright.events.booking.BookingConfirmed;
import org.scheduleright.events.booking.BookingCreated;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.events.booking.BookingSource;
import org.scheduleright.events.booking.BookingStatus;
import org.scheduleright.events.contact.Contact;
import org.scheduleright.events.contact.ContactCipher;
import org.scheduleright.events.kafka.CloudEventCodec;
import org.scheduleright.platform.testing.RecordedSpans;
import org.scheduleright.platform.testing.ServiceTestProperties;
import org.scheduleright.platform.testing.TestJwks;
import org.scheduleright.reminder.booking.persistence.KnownBooking;
import org.scheduleright.reminder.booking.persistence.KnownBookings;
import org.scheduleright.reminder.reminder.domain.PhoneHasher;
import org.scheduleright.reminder.reminder.domain.PlannedReminder;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.scheduleright.reminder.sms.twilio.TwilioProperties;
import org.scheduleright.reminder.sms.twilio.TwilioSmsSender;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context all integration tests share: real MariaDB, Redis and Kafka, a recording SMS sender, spans
 * kept in memory ({@link RecordedSpans}), and the background worker off so that each test drives dispatch itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({RecordingSmsSender.Configuration.class, RecordedSpans.class})
public abstract class ReminderIntegrationTest {

    /** The contact key the tests encrypt with. */
    protected static final String CONTACT_KEYS = ContactCipher.newKeyEntry("test-1");

    protected static final ContactCipher CIPHER = ContactCipher.fromKeys(CONTACT_KEYS);

    protected static final CloudEventCodec<BookingLifecycle> BOOKINGS = CloudEventCodec.of(BookingLifecycle.STREAM);

    /** The Twilio auth token webhooks are signed with. */
    protected static final String TWILIO_AUTH_TOKEN = "test-twilio-auth-token";

    /** The public URL Twilio calls (SERVER_URL). */
    protected static final String PUBLIC_URL = "https://reminders.example.org";

    protected static final TestJwks jwks = new TestJwks();

    @LocalServerPort
    protected int port;

    @Autowired
    protected KafkaTemplate<String, byte[]> kafka;

    @Autowired
    protected RecordingSmsSender sms;

    @Autowired
    protected PhoneHasher phoneHasher;

    @Autowired
    private KnownBookings knownBookings;

    @Autowired
    private Reminders storedReminders;

    @Autowired
    private DatabaseClient reminderDatabase;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.all(registry, "reminder");
        registry.add("scheduleright.contact.encryption-keys", () -> CONTACT_KEYS);
        registry.add("scheduleright.auth.jwks-uri", jwks::jwksUri);
        registry.add("scheduleright.twilio.auth-token", () -> TWILIO_AUTH_TOKEN);
        registry.add("scheduleright.twilio.server-url", () -> PUBLIC_URL);
        registry.add("scheduleright.reminders.dispatcher-enabled", () -> "false");
        // the housekeeping tests run their own instances
        registry.add("scheduleright.housekeeping.enabled", () -> "false");
        registry.add("spring.kafka.consumer.group-id", () -> "reminder-service-" + UUID.randomUUID());
        registry.add("scheduleright.reminders.consumer.initial-backoff", () -> "50ms");
        registry.add("scheduleright.reminders.consumer.max-attempts", () -> "2");
        // Generous quotas in a namespace of this run, so that tests sending many SMS are not limited by each other;
        // the quota tests build their own tight quotas.
        registry.add("scheduleright.sms-quota.key-prefix", () -> "test:" + UUID.randomUUID() + ":");
        registry.add("scheduleright.sms-quota.recipient-per-hour", () -> "100000");
        registry.add("scheduleright.sms-quota.recipient-per-day", () -> "100000");
        registry.add("scheduleright.sms-quota.org-per-day", () -> "100000");
        registry.add("scheduleright.sms-quota.overall-per-hour", () -> "100000");
        registry.add("scheduleright.sms-quota.redis-timeout", () -> "10s");
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "100ms");
    }

    /** Twilio's signature: HMAC-SHA1 over the URL followed by each parameter name and value, sorted by name. */
    protected static String twilioSignature(String path, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(PUBLIC_URL + path);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TWILIO_AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** A client for this service's HTTP API. */
    protected org.springframework.test.web.reactive.server.WebTestClient http() {
        return org.springframework.test.web.reactive.server.WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .build();
    }

    /** Publishes a booking event the way booking-service does and waits until the broker has it. */
    protected void publish(BookingLifecycle event) throws Exception {
        kafka.send(BOOKINGS.toRecord(event, null)).get(10, TimeUnit.SECONDS);
    }

    protected static Contact client(String phone) {
        return new Contact("Ana Client", "ana@example.org", phone);
    }

    /**
     * A real Twilio sender pointed at {@code baseUrl} (a fake Twilio), without retries, signing callbacks for
     * {@link #PUBLIC_URL}.
     */
    protected static TwilioSmsSender twilioSender(String baseUrl, ObservationRegistry observations) {
        return TwilioSmsSender.create(
                new TwilioProperties(
                        "twilio",
                        "AC" + "0".repeat(32),
                        TWILIO_AUTH_TOKEN,
                        "+15005550006",
                        baseUrl,
                        PUBLIC_URL,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5),
                        0,
                        Duration.ofMillis(10),
                        Duration.ofSeconds(5)),
                Clock.systemUTC(),
                observations);
    }

    /**
     * Stores the booking of {@code created} as confirmed, with one scheduled reminder 24 hours ahead due in a day;
     * returns the reminder's id.
     */
    protected UUID scheduledReminder(BookingCreated created) {
        Instant now = Instant.now();
        return knownBookings
                .save(
                        new KnownBooking(
                                created.bookingId(),
                                created.orgId(),
                                created.siteId(),
                                BookingStatus.CONFIRMED,
                                created.startTime(),
                                created.endTime(),
                                created.timezone(),
                                null,
                                created.contact(),
                                now,
                                created.eventId()),
                        now)
                .then(storedReminders.plan(
                        created.bookingId(),
                        created.orgId(),
                        created.startTime(),
                        new PlannedReminder(24, now.plus(Duration.ofDays(1)), ReminderStatus.SCHEDULED, null),
                        now,
                        null))
                .block();
    }

    /**
     * Stores a confirmed booking two days ahead with one reminder that Twilio accepted under {@code sid}; returns the
     * reminder's id.
     */
    protected UUID sentReminder(String sid) {
        UUID id = scheduledReminder(created(Instant.now().plus(Duration.ofDays(2)), Instant.now(), "+33612345678"));
        reminderDatabase
                .sql("UPDATE reminders SET status = 'sent', twilio_sid = :sid WHERE id = :id")
                .bind("sid", sid)
                .bind("id", id.toString())
                .then()
                .block();
        return id;
    }

    /** Staff confirm the booking of {@code created} at {@code at}. */
    protected static BookingConfirmed confirmed(BookingCreated created, Instant at) {
        return confirmed(created, at, null);
    }

    /** Staff confirm the booking of {@code created} at {@code at}; the event names the site (null: an older event). */
    protected static BookingConfirmed confirmed(BookingCreated created, Instant at, String siteName) {
        return new BookingConfirmed(
                UUID.randomUUID(),
                created.bookingId(),
                created.orgId(),
                created.siteId(),
                created.slotId(),
                created.startTime(),
                created.endTime(),
                created.timezone(),
                BookingSource.STAFF,
                at,
                created.contact(),
                siteName);
    }

    /** The same booking event, naming its site. */
    protected static BookingCreated atSite(BookingCreated created, String siteName) {
        return new BookingCreated(
                created.eventId(),
                created.bookingId(),
                created.orgId(),
                created.siteId(),
                created.slotId(),
                created.startTime(),
                created.endTime(),
                created.timezone(),
                created.source(),
                created.occurredAt(),
                created.contact(),
                siteName);
    }

    /** A new booking made by staff of a new organisation, starting at {@code start}, made at {@code occurredAt}. */
    protected static BookingCreated created(Instant start, Instant occurredAt, String phone) {
        return created(start, occurredAt, phone, BookingSource.STAFF);
    }

    /** A new booking of a new organisation, made through {@code source}. */
    protected static BookingCreated created(Instant start, Instant occurredAt, String phone, BookingSource source) {
        return new BookingCreated(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                start,
                start.plus(Duration.ofMinutes(30)),
                ZoneId.of("Europe/Paris"),
                source,
                occurredAt,
                CIPHER.encrypt(client(phone)));
    }
}
