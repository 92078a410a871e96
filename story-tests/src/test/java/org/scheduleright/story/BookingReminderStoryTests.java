package org.scheduleright.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.twilio.security.RequestValidator;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
import org.scheduleright.platform.testing.InProcessKafka;
import org.scheduleright.platform.testing.ServiceDatabases;
import org.scheduleright.platform.testing.TestInfrastructure;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

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
    private static final String TWILIO_SID = "AC" + UUID.randomUUID().toString().replace("-", "");
    private static final String TWILIO_TOKEN = "story-token-" + UUID.randomUUID();
    private static final String TWILIO_FROM = "+15005550006";
    private static final String ADMIN_EMAIL = "admin@story.scheduleright.local";
    private static final String ADMIN_PASSWORD = "Story-admin-" + UUID.randomUUID();
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration EVENTUALLY = Duration.ofSeconds(90);

    private final ObjectMapper json = JsonMapper.builder().build();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();

    private EmbeddedKafkaKraftBroker kafka;
    private FakeTwilio twilio;
    private KafkaConsumer<String, byte[]> bookingEvents;
    private final List<ConsumerRecord<String, byte[]>> seenEvents = new ArrayList<>();
    private String gateway;

    // ---------------------------------------------------------------- the story

    @Test
    void aClientIsRemindedOnceAtTheRightLocalTimeAndNeverAboutAStaleAppointment() throws Exception {
        String adminToken = login(ADMIN_EMAIL, ADMIN_PASSWORD);

        String orgId = createOrganisation(adminToken, "Story Care Centre");
        String staffEmail = "staff." + UUID.randomUUID() + "@story.scheduleright.local";
        String staffPassword = "Story-staff-" + UUID.randomUUID();
        createStaffMember(adminToken, orgId, staffEmail, staffPassword);
        String staff = login(staffEmail, staffPassword);

        String siteId = createSite(staff, orgId, "Riverside clinic", NEW_YORK);
        remindOneHourAheadWithoutCancellationNotice(staff);

        Instant firstStart = Instant.now().plus(Duration.ofMinutes(47)).truncatedTo(ChronoUnit.MINUTES);
        Instant laterStart = Instant.now().plus(Duration.ofMinutes(53)).truncatedTo(ChronoUnit.MINUTES);
        String firstSlot = openSlot(staff, siteId, firstStart);
        String laterSlot = openSlot(staff, siteId, laterStart);

        String clientName = "Alex Story " + UUID.randomUUID().toString().substring(0, 6);
        JsonNode booking = bookAsMemberOfThePublic(siteId, firstSlot, clientName);
        String bookingId = booking.get("id").asString();
        assertThat(Instant.parse(booking.get("startTime").asString())).isEqualTo(firstStart);
        assertThat(booking.get("timezone").asString()).isEqualTo(NEW_YORK.getId());

        confirm(staff, bookingId);

        theBookingStreamCarries(bookingId, "org.scheduleright.booking.created.v1");
        theBookingStreamCarries(bookingId, "org.scheduleright.booking.confirmed.v1");

        String firstTime = TEMPLATE_TIME.format(firstStart.atZone(NEW_YORK));
        String laterTime = TEMPLATE_TIME.format(laterStart.atZone(NEW_YORK));
        assertThat(firstTime).isNotEqualTo(laterTime);

        Sms reminder = fakeTwilioReceivesExactlyOneMessage();
        assertThat(reminder.form())
                .containsEntry("To", CLIENT_PHONE)
                .containsEntry("From", TWILIO_FROM)
                .containsEntry("StatusCallback", gateway + "/webhooks/twilio/status");
        assertThat(reminder.body())
                .contains(clientName)
                .contains(" on " + TEMPLATE_DATE.format(firstStart.atZone(NEW_YORK)) + " at " + firstTime);
        assertThat(reminder.path()).isEqualTo("/2010-04-01/Accounts/" + TWILIO_SID + "/Messages.json");

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
                        () -> reminders(staff, bookingId),
                        list -> list.size() == 2
                                && list.stream()
                                        .anyMatch(
                                                r -> r.get("status").asString().equals("sent")));
        assertThat(afterReschedule).hasSize(2);
        assertThat(afterReschedule)
                .anySatisfy(r -> assertThat(r.get("status").asString()).isEqualTo("delivered"));
        List<Sms> sinceReschedule = twilio.receivedSince(sentBeforeReschedule);
        assertThat(sinceReschedule).singleElement().satisfies(sms -> {
            assertThat(sms.body()).contains(" at " + laterTime).doesNotContain(" at " + firstTime);
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
                    assertThat(reminders(staff, bookingId))
                            .noneMatch(r -> r.get("status").asString().equals("scheduled")
                                    || r.get("status").asString().equals("sending"));
                });
        assertThat(twilio.receivedSince(sentBeforeReschedule))
                .noneMatch(sms -> sms.body().contains(" at " + firstTime));
    }

    // ---------------------------------------------------------------- the steps

    private String login(String email, String password) throws Exception {
        JsonNode answer = call("POST", "/api/v1/auth/login", null, Map.of("email", email, "password", password), 200);
        return answer.get("accessToken").asString();
    }

    private String createOrganisation(String token, String name) throws Exception {
        return call("POST", "/api/v1/orgs", token, Map.of("name", name, "timezone", NEW_YORK.getId()), 201)
                .get("id")
                .asString();
    }

    private void createStaffMember(String token, String orgId, String email, String password) throws Exception {
        call(
                "POST",
                "/api/v1/users",
                token,
                Map.of(
                        "email",
                        email,
                        "name",
                        "Story Staff",
                        "password",
                        password,
                        "roles",
                        List.of("STAFF"),
                        "orgId",
                        orgId),
                201);
    }

    private String createSite(String token, String orgId, String name, ZoneId zone) throws Exception {
        return call(
                        "POST",
                        "/api/v1/orgs/" + orgId + "/sites",
                        token,
                        Map.of("name", name, "timezone", zone.getId()),
                        201)
                .get("id")
                .asString();
    }

    /** No quiet hours are sent, so none apply: the story does not depend on the hour it runs at. */
    private void remindOneHourAheadWithoutCancellationNotice(String token) throws Exception {
        call(
                "PUT",
                "/api/v1/reminders/settings",
                token,
                Map.of(
                        "enabled",
                        true,
                        "leadTimesHours",
                        List.of(1),
                        "template",
                        TEMPLATE,
                        "sendCancellationNotice",
                        false),
                200);
    }

    private String openSlot(String token, String siteId, Instant start) throws Exception {
        JsonNode created = call(
                "POST",
                "/api/v1/sites/" + siteId + "/availability",
                token,
                Map.of(
                        "startTime",
                        start.toString(),
                        "endTime",
                        start.plus(Duration.ofMinutes(30)).toString(),
                        "capacity",
                        2),
                201);
        return created.has("data")
                ? created.get("data").get(0).get("id").asString()
                : created.get("id").asString();
    }

    private JsonNode bookAsMemberOfThePublic(String siteId, String slotId, String clientName) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("siteId", siteId);
        body.put("slotId", slotId);
        body.put("clientName", clientName);
        body.put("clientEmail", "alex.story@example.org");
        body.put("clientPhone", CLIENT_PHONE);
        return call("POST", "/api/public/bookings", null, body, 201);
    }

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

    private Sms fakeTwilioReceivesExactlyOneMessage() {
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
                .untilAsserted(() -> assertThat(reminders(token, bookingId))
                        .singleElement()
                        .satisfies(r -> assertThat(r.get("status").asString()).isEqualTo(status)));
    }

    private void twilioReportsDelivered(String messageSid) throws Exception {
        String url = gateway + "/webhooks/twilio/status";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", TWILIO_SID);
        params.put("MessageSid", messageSid);
        params.put("MessageStatus", "delivered");
        params.put("To", CLIENT_PHONE);
        String signature = twilioSignature(url, params);
        assertThat(new RequestValidator(TWILIO_TOKEN).validate(url, params, signature))
                .as("our signature is Twilio's")
                .isTrue();
        String form = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Twilio-Signature", signature)
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
    }

    private List<JsonNode> reminders(String token, String bookingId) throws Exception {
        JsonNode list = call("GET", "/api/v1/bookings/" + bookingId + "/reminders", token, null, 200);
        List<JsonNode> out = new ArrayList<>();
        (list.isArray() ? list : list.get("data")).forEach(out::add);
        return out;
    }

    // ---------------------------------------------------------------- the platform

    @BeforeAll
    void startThePlatform() throws Exception {
        Path logs = Path.of("target");
        Files.createDirectories(logs);
        kafka = InProcessKafka.start();
        twilio = new FakeTwilio();
        ServiceDatabases databases = TestInfrastructure.newDatabases();
        String suffix = databases.suffix();
        int gatewayPort = freePort();
        int bookingPort = freePort();
        int reminderPort = freePort();
        gateway = "http://127.0.0.1:" + gatewayPort;

        Map<String, String> common = new HashMap<>();
        common.put("MYSQL_HOST", databases.server().host());
        common.put("MYSQL_PORT", String.valueOf(databases.server().port()));
        common.put("MYSQL_PASSWORD", databases.password());
        common.put("MYSQL_MIGRATION_USER", databases.migrationUser());
        common.put("MYSQL_MIGRATION_PASSWORD", databases.password());
        common.put("REDIS_URL", TestInfrastructure.redisUrl());
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafka.getBrokersAsString());
        common.put("JWKS_URI", gateway + "/.well-known/jwks.json");

        Map<String, String> gatewayEnv = new HashMap<>(common);
        gatewayEnv.put("SERVER_PORT", String.valueOf(gatewayPort));
        gatewayEnv.put("SERVER_URL", gateway);
        gatewayEnv.put("MYSQL_DATABASE", databases.identityDatabase());
        gatewayEnv.put("MYSQL_USER", databases.identityUser());
        gatewayEnv.put("BOOKING_SERVICE_URL", "http://127.0.0.1:" + bookingPort);
        gatewayEnv.put("REMINDER_SERVICE_URL", "http://127.0.0.1:" + reminderPort);
        gatewayEnv.put("ADMIN_EMAIL", ADMIN_EMAIL);
        gatewayEnv.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
        gatewayEnv.put("RATE_LIMIT_STANDARD", "10000");
        gatewayEnv.put("RATE_LIMIT_AUTH", "1000");
        gatewayEnv.put("RATE_LIMIT_PUBLIC", "1000");
        gatewayEnv.put("SCHEDULERIGHT_RATELIMIT_KEYPREFIX", "scheduleright:story:" + suffix + ":gateway:");

        Map<String, String> bookingEnv = new HashMap<>(common);
        bookingEnv.put("SERVER_PORT", String.valueOf(bookingPort));
        bookingEnv.put("MYSQL_DATABASE", databases.bookingDatabase());
        bookingEnv.put("MYSQL_USER", databases.bookingUser());

        Map<String, String> reminderEnv = new HashMap<>(common);
        reminderEnv.put("SERVER_PORT", String.valueOf(reminderPort));
        reminderEnv.put("SERVER_URL", gateway);
        reminderEnv.put("MYSQL_DATABASE", databases.reminderDatabase());
        reminderEnv.put("MYSQL_USER", databases.reminderUser());
        reminderEnv.put("SMS_SINK", "twilio");
        reminderEnv.put("TWILIO_ACCOUNT_SID", TWILIO_SID);
        reminderEnv.put("TWILIO_AUTH_TOKEN", TWILIO_TOKEN);
        reminderEnv.put("TWILIO_PHONE_NUMBER", TWILIO_FROM);
        reminderEnv.put("TWILIO_API_BASE_URL", twilio.baseUrl());
        reminderEnv.put("SMS_QUOTA_KEY_PREFIX", "scheduleright:story:" + suffix + ":quota:");

        launch("gateway", gatewayEnv);
        awaitReady("gateway", gatewayPort);
        launch("booking-service", bookingEnv);
        launch("reminder-service", reminderEnv);
        awaitReady("booking-service", bookingPort);
        awaitReady("reminder-service", reminderPort);

        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "story-" + suffix);
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
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        if (twilio != null) {
            twilio.close();
        }
        if (kafka != null) {
            kafka.destroy();
        }
    }

    private void launch(String service, Map<String, String> env) throws IOException {
        File jar = Path.of("..", service, "target", service + ".jar").toFile();
        assertThat(jar).as("run ./mvnw -DskipTests install at the root first").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-jar", jar.getPath())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", service + ".log").toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        processes.add(process);
        // Should the test JVM be stopped before @AfterAll, the service must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-" + service));
    }

    private void awaitReady(String service, int port) {
        Process process = processes.get(processes.size() - 1);
        await(service + " is ready (see target/" + service + ".log)")
                .atMost(STARTUP)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> {
                    for (Process p : processes) {
                        assertThat(p.isAlive())
                                .as("a service exited; see target/*.log")
                                .isTrue();
                    }
                    return http.send(
                                            HttpRequest.newBuilder(
                                                            URI.create("http://127.0.0.1:" + port + "/readiness"))
                                                    .timeout(Duration.ofSeconds(5))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                });
        assertThat(process.isAlive()).isTrue();
    }

    private JsonNode call(String method, String path, String token, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode())
                .as(method + " " + path + " -> " + answer.body())
                .isEqualTo(expected);
        return answer.body().isEmpty() ? json.createObjectNode() : json.readTree(answer.body());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Twilio's signature: HMAC-SHA1 over the URL followed by each parameter name and value, sorted by name. */
    private static String twilioSignature(String url, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TWILIO_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One message as Twilio received it. */
    record Sms(String path, String sid, Map<String, String> form) {
        String body() {
            return form.getOrDefault("Body", "");
        }
    }

    /** Twilio's Messages API on loopback: records every message and accepts it with a fresh SID. */
    static final class FakeTwilio implements AutoCloseable {

        private final HttpServer server;
        private final List<Sms> received = new CopyOnWriteArrayList<>();

        FakeTwilio() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<Sms> received() {
            return received;
        }

        List<Sms> receivedSince(int index) {
            return List.copyOf(received.subList(index, received.size()));
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new HashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            String path = exchange.getRequestURI().getPath();
            String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
            byte[] answer;
            int status;
            if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/Messages.json")) {
                received.add(new Sms(path, sid, form));
                status = 201;
                answer = ("{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"to\":\"" + form.get("To") + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                status = 404;
                answer = "{\"code\":20404,\"message\":\"not found\",\"status\":404}".getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
