package org.scheduleright.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.security.RequestValidator;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.scheduleright.platform.testing.InProcessKafka;
import org.scheduleright.platform.testing.ServiceDatabases;
import org.scheduleright.platform.testing.TestInfrastructure;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform as a user meets it: the three service jars as child processes on their own databases, a real
 * Kafka broker, a fake Twilio and an in-memory trace collector. Each service's output goes to
 * {@code target/<name>-<service>.log}.
 */
final class Platform implements AutoCloseable {

    static final String GATEWAY = "gateway";
    static final String BOOKING = "booking-service";
    static final String REMINDER = "reminder-service";
    static final List<String> SERVICES = List.of(GATEWAY, BOOKING, REMINDER);

    private static final Duration STARTUP = Duration.ofMinutes(3);

    /** What a test may change about the platform before it starts. */
    record Settings(
            String name,
            String adminEmail,
            String adminPassword,
            Map<String, Integer> refusedNumbers,
            Map<String, String> gatewayEnv,
            Map<String, String> reminderEnv,
            Duration twilioDelay) {

        static Settings named(String name) {
            return new Settings(
                    name,
                    "admin@" + name + ".scheduleright.local",
                    "Story-admin-" + UUID.randomUUID(),
                    Map.of(),
                    Map.of(),
                    Map.of(),
                    Duration.ZERO);
        }

        /** Numbers the fake Twilio refuses, each with the HTTP status it answers (400 invalid, 500 unknown). */
        Settings withRefusedNumbers(Map<String, Integer> numbers) {
            return new Settings(name, adminEmail, adminPassword, numbers, gatewayEnv, reminderEnv, twilioDelay);
        }

        Settings withGatewayEnv(Map<String, String> env) {
            return new Settings(name, adminEmail, adminPassword, refusedNumbers, env, reminderEnv, twilioDelay);
        }

        Settings withReminderEnv(Map<String, String> env) {
            return new Settings(name, adminEmail, adminPassword, refusedNumbers, gatewayEnv, env, twilioDelay);
        }

        /** How long the fake Twilio takes to answer each message. */
        Settings withTwilioDelay(Duration delay) {
            return new Settings(name, adminEmail, adminPassword, refusedNumbers, gatewayEnv, reminderEnv, delay);
        }
    }

    final String twilioSid = "AC" + UUID.randomUUID().toString().replace("-", "");
    final String twilioToken = "story-token-" + UUID.randomUUID();
    final String twilioFrom = "+15005550006";

    private final Settings settings;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Process> running = new HashMap<>();
    private final Map<String, Map<String, String>> environments = new HashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private EmbeddedKafkaKraftBroker kafka;
    private FakeTwilio twilio;
    private SpanCollector collector;
    private String suffix;

    private Platform(Settings settings) {
        this.settings = settings;
    }

    static Platform start(Settings settings) throws Exception {
        Platform platform = new Platform(settings);
        try {
            platform.launchAll();
            return platform;
        } catch (Exception | Error e) {
            platform.close();
            throw e;
        }
    }

    String gateway() {
        return url(GATEWAY);
    }

    /** The service's own address, bypassing the gateway (for /metrics). */
    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    Path log(String service) {
        return Path.of("target", settings.name() + "-" + service + ".log");
    }

    Settings settings() {
        return settings;
    }

    EmbeddedKafkaKraftBroker kafka() {
        return kafka;
    }

    FakeTwilio twilio() {
        return twilio;
    }

    SpanCollector collector() {
        return collector;
    }

    String suffix() {
        return suffix;
    }

    HttpClient http() {
        return http;
    }

    ObjectMapper json() {
        return json;
    }

    /** Sends a JSON request through the gateway and returns the answer, whatever its status. */
    HttpResponse<String> send(String method, String path, String token, Object body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof String raw ? raw : json.writeValueAsString(body);
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a JSON request through the gateway, expects the given status and returns the parsed body. */
    JsonNode call(String method, String path, String token, Object body, int expected) throws Exception {
        HttpResponse<String> answer = send(method, path, token, body, Map.of());
        assertThat(answer.statusCode())
                .as(method + " " + path + " -> " + answer.body())
                .isEqualTo(expected);
        return answer.body().isEmpty() ? json.createObjectNode() : json.readTree(answer.body());
    }

    String login(String email, String password) throws Exception {
        return call("POST", "/api/v1/auth/login", null, Map.of("email", email, "password", password), 200)
                .get("accessToken")
                .asString();
    }

    // ---------------------------------------------------------------- what staff and the public do

    String createOrganisation(String token, String name, ZoneId zone) throws Exception {
        return call("POST", "/api/v1/orgs", token, Map.of("name", name, "timezone", zone.getId()), 201)
                .get("id")
                .asString();
    }

    void createStaffMember(String token, String orgId, String email, String name, String password) throws Exception {
        call(
                "POST",
                "/api/v1/users",
                token,
                Map.of("email", email, "name", name, "password", password, "roles", List.of("STAFF"), "orgId", orgId),
                201);
    }

    String createSite(String token, String orgId, String name, ZoneId zone) throws Exception {
        return call(
                        "POST",
                        "/api/v1/orgs/" + orgId + "/sites",
                        token,
                        Map.of("name", name, "timezone", zone.getId()),
                        201)
                .get("id")
                .asString();
    }

    /** No quiet hours are sent, so none apply: a story does not depend on the hour it runs at. */
    void remindOneHourAheadWithoutCancellationNotice(String token, String template) throws Exception {
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
                        template,
                        "sendCancellationNotice",
                        false),
                200);
    }

    /** Opens one 30-minute slot and returns its id. */
    String openSlot(String token, String siteId, Instant start, int capacity) throws Exception {
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
                        capacity),
                201);
        return created.has("data")
                ? created.get("data").get(0).get("id").asString()
                : created.get("id").asString();
    }

    JsonNode bookAsMemberOfThePublic(String siteId, String slotId, String name, String email, String phone)
            throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("siteId", siteId);
        body.put("slotId", slotId);
        body.put("clientName", name);
        body.put("clientEmail", email);
        body.put("clientPhone", phone);
        return call("POST", "/api/public/bookings", null, body, 201);
    }

    /** The reminders of a booking, as staff see them. */
    List<JsonNode> reminders(String token, String bookingId) throws Exception {
        JsonNode list = call("GET", "/api/v1/bookings/" + bookingId + "/reminders", token, null, 200);
        List<JsonNode> out = new ArrayList<>();
        (list.isArray() ? list : list.get("data")).forEach(out::add);
        return out;
    }

    /** GETs a service's own endpoint (not through the gateway) and returns the body, expecting 200. */
    String direct(String service, String path) throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(url(service) + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(service + " " + path).isEqualTo(200);
        return answer.body();
    }

    /** Twilio's status callback for a message, signed the way Twilio signs it; expects a 2xx. */
    void twilioReports(String messageSid, String status, String to) throws Exception {
        String url = gateway() + "/webhooks/twilio/status";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", twilioSid);
        params.put("MessageSid", messageSid);
        params.put("MessageStatus", status);
        params.put("To", to);
        if (status.equals("failed") || status.equals("undelivered")) {
            params.put("ErrorCode", "30003");
        }
        String signature = twilioSignature(url, params);
        assertThat(new RequestValidator(twilioToken).validate(url, params, signature))
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

    /**
     * Twilio's webhook for an SMS the client sent to our number, signed the way Twilio signs it unless {@code signed}
     * is false; returns the answer as it came (status and TwiML).
     */
    HttpResponse<String> clientTexts(String messageSid, String from, String body, boolean signed) throws Exception {
        String url = gateway() + "/webhooks/twilio/inbound";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", twilioSid);
        params.put("MessageSid", messageSid);
        params.put("From", from);
        params.put("To", twilioFrom);
        params.put("Body", body);
        String signature = signed ? twilioSignature(url, params) : "bm90LXR3aWxpbw==";
        String form = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Twilio-Signature", signature)
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Twilio's signature: HMAC-SHA1 over the URL followed by each parameter name and value, sorted by name. */
    private String twilioSignature(String url, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(twilioToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private void launchAll() throws Exception {
        Files.createDirectories(Path.of("target"));
        kafka = InProcessKafka.start();
        twilio = new FakeTwilio(settings.refusedNumbers(), settings.twilioDelay());
        collector = new SpanCollector();
        ServiceDatabases databases = TestInfrastructure.newDatabases();
        suffix = databases.suffix();
        for (String service : SERVICES) {
            ports.put(service, freePort());
        }

        Map<String, String> common = new HashMap<>();
        common.put("MYSQL_HOST", databases.server().host());
        common.put("MYSQL_PORT", String.valueOf(databases.server().port()));
        common.put("MYSQL_PASSWORD", databases.password());
        common.put("MYSQL_MIGRATION_USER", databases.migrationUser());
        common.put("MYSQL_MIGRATION_PASSWORD", databases.password());
        common.put("REDIS_URL", TestInfrastructure.redisUrl());
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafka.getBrokersAsString());
        common.put("JWKS_URI", gateway() + "/.well-known/jwks.json");
        common.put("OTEL_ENABLED", "true");
        common.put("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint());

        Map<String, String> gatewayEnv = new HashMap<>(common);
        gatewayEnv.put("SERVER_PORT", String.valueOf(ports.get(GATEWAY)));
        gatewayEnv.put("SERVER_URL", gateway());
        gatewayEnv.put("MYSQL_DATABASE", databases.identityDatabase());
        gatewayEnv.put("MYSQL_USER", databases.identityUser());
        gatewayEnv.put("BOOKING_SERVICE_URL", url(BOOKING));
        gatewayEnv.put("REMINDER_SERVICE_URL", url(REMINDER));
        gatewayEnv.put("ADMIN_EMAIL", settings.adminEmail());
        gatewayEnv.put("ADMIN_PASSWORD", settings.adminPassword());
        gatewayEnv.put("RATE_LIMIT_STANDARD", "10000");
        gatewayEnv.put("RATE_LIMIT_AUTH", "1000");
        gatewayEnv.put("RATE_LIMIT_PUBLIC", "1000");
        gatewayEnv.put("SCHEDULERIGHT_RATELIMIT_KEYPREFIX", "scheduleright:story:" + suffix + ":gateway:");
        gatewayEnv.putAll(settings.gatewayEnv());

        Map<String, String> bookingEnv = new HashMap<>(common);
        bookingEnv.put("SERVER_PORT", String.valueOf(ports.get(BOOKING)));
        bookingEnv.put("MYSQL_DATABASE", databases.bookingDatabase());
        bookingEnv.put("MYSQL_USER", databases.bookingUser());

        Map<String, String> reminderEnv = new HashMap<>(common);
        reminderEnv.put("SERVER_PORT", String.valueOf(ports.get(REMINDER)));
        reminderEnv.put("SERVER_URL", gateway());
        reminderEnv.put("MYSQL_DATABASE", databases.reminderDatabase());
        reminderEnv.put("MYSQL_USER", databases.reminderUser());
        reminderEnv.put("SMS_SINK", "twilio");
        reminderEnv.put("TWILIO_ACCOUNT_SID", twilioSid);
        reminderEnv.put("TWILIO_AUTH_TOKEN", twilioToken);
        reminderEnv.put("TWILIO_PHONE_NUMBER", twilioFrom);
        reminderEnv.put("TWILIO_API_BASE_URL", twilio.baseUrl());
        reminderEnv.put("SMS_QUOTA_KEY_PREFIX", "scheduleright:story:" + suffix + ":quota:");
        reminderEnv.putAll(settings.reminderEnv());

        launch(GATEWAY, gatewayEnv);
        awaitReady(GATEWAY);
        launch(BOOKING, bookingEnv);
        launch(REMINDER, reminderEnv);
        awaitReady(BOOKING);
        awaitReady(REMINDER);
    }

    /**
     * Kills the service with SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook, no graceful stop,
     * whatever it was doing is cut off. Returns once the process is gone.
     */
    void kill(String service) throws InterruptedException {
        Process process = running.remove(service);
        processes.remove(process);
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS))
                .as(service + " is gone")
                .isTrue();
    }

    /** Starts the service again with the configuration (and port) it had, appending to its log, and awaits it. */
    void restart(String service) throws IOException {
        launch(service, environments.get(service));
        awaitReady(service);
    }

    private void launch(String service, Map<String, String> env) throws IOException {
        File jar = Path.of("..", service, "target", service + ".jar").toFile();
        assertThat(jar).as("run ./mvnw -DskipTests install at the root first").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-jar", jar.getPath())
                .redirectErrorStream(true)
                .redirectOutput(
                        environments.containsKey(service)
                                ? ProcessBuilder.Redirect.appendTo(log(service).toFile())
                                : ProcessBuilder.Redirect.to(log(service).toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        environments.put(service, Map.copyOf(env));
        running.put(service, process);
        processes.add(process);
        // Should the test JVM be stopped before close(), the service must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-" + service));
    }

    private void awaitReady(String service) {
        await(service + " is ready (see " + log(service) + ")")
                .atMost(STARTUP)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> {
                    for (Process p : processes) {
                        assertThat(p.isAlive())
                                .as("a service exited; see target/" + settings.name() + "-*.log")
                                .isTrue();
                    }
                    return http.send(
                                            HttpRequest.newBuilder(URI.create(url(service) + "/readiness"))
                                                    .timeout(Duration.ofSeconds(5))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                });
    }

    /** Stops the services gracefully (so that they flush their last spans and log lines), then the fakes. */
    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
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
        if (collector != null) {
            collector.close();
        }
        if (kafka != null) {
            kafka.destroy();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
