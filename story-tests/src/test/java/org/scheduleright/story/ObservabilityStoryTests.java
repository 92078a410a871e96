package org.scheduleright.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.scheduleright.platform.testing.PrometheusText;
import org.scheduleright.story.SpanCollector.ReceivedSpan;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * What operators see of one busy stretch of the platform: bookings, logins, SMS and a range of failures are driven
 * through the real gateway; then the traces the services exported, their /metrics pages, the dashboards and alert
 * rules that read those pages, and every log line they wrote are checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityStoryTests {

    private static final String BOOKINGS_TOPIC = "scheduleright.bookings.v1";
    private static final Duration EVENTUALLY = Duration.ofSeconds(90);
    private static final String TEMPLATE = "Hi {{name}}, see you at {{site}} on {{date}} at {{time}}.";
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String TRACEPARENT = "00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]";
    private static final Pattern JVM_NOTICE = Pattern.compile("Picked up |OpenJDK |WARNING: ");

    // The personal data of this run, none of which may reach a log line.
    private static final String CLIENT_PHONE = "+15557654321";
    private static final String SECOND_PHONE = "+15557654322";
    private static final String REFUSED_PHONE = "+15557650000";
    private static final String UNANSWERED_PHONE = "+15557650500";
    private static final String MANUAL_PHONE = "+15557659999";
    private static final String CLIENT_EMAIL = "dana.observed@example.org";
    private static final String CLIENT_NAME = "Dana Observed";
    private final String staffEmail = "staff." + UUID.randomUUID().toString().substring(0, 8) + "@observed.example.org";
    private final String staffPassword = "Observed-staff-" + UUID.randomUUID();
    private final String wrongPassword = "Wrong-password-" + UUID.randomUUID();
    private final List<String> tokens = new ArrayList<>();

    private Platform platform;
    private String bookingId;
    private String bookingTraceId;

    // ---------------------------------------------------------------- what happens

    @BeforeAll
    void driveThePlatform() throws Exception {
        platform = Platform.start(Platform.Settings.named("observability")
                .withRefusedNumbers(Map.of(REFUSED_PHONE, 400, UNANSWERED_PHONE, 500))
                .withGatewayEnv(Map.of("RATE_LIMIT_AUTH", "40")));

        String admin =
                login(platform.settings().adminEmail(), platform.settings().adminPassword());
        String orgId = platform.createOrganisation(admin, "Observed Care Centre", LONDON);
        platform.createStaffMember(admin, orgId, staffEmail, "Observed Staff", staffPassword);
        JsonNode staffLogin = platform.call(
                "POST", "/api/v1/auth/login", null, Map.of("email", staffEmail, "password", staffPassword), 200);
        tokens.add(staffLogin.get("accessToken").asString());
        tokens.add(staffLogin.get("refreshToken").asString());
        JsonNode refreshed = platform.call(
                "POST",
                "/api/v1/auth/refresh",
                null,
                Map.of("refreshToken", staffLogin.get("refreshToken").asString()),
                200);
        String staff = refreshed.get("accessToken").asString();
        tokens.add(staff);
        tokens.add(refreshed.get("refreshToken").asString());

        String siteId = platform.createSite(staff, orgId, "Harbour clinic", LONDON);
        platform.remindOneHourAheadWithoutCancellationNotice(staff, TEMPLATE);
        Instant start = Instant.now().plus(Duration.ofMinutes(47)).truncatedTo(ChronoUnit.MINUTES);
        String slotId = platform.openSlot(staff, siteId, start, 5);

        // Four bookings: one delivered, one Twilio reports failed, one whose number Twilio refuses outright and one
        // whose
        // send Twilio answers with a 500, so that nobody knows whether it left.
        bookingId = book(siteId, slotId, CLIENT_NAME, CLIENT_EMAIL, CLIENT_PHONE);
        String secondBooking = book(siteId, slotId, "Sam Observed", "sam.observed@example.org", SECOND_PHONE);
        String refusedBooking = book(siteId, slotId, "Kim Observed", "kim.observed@example.org", REFUSED_PHONE);
        String unansweredBooking = book(siteId, slotId, "Lee Observed", "lee.observed@example.org", UNANSWERED_PHONE);
        // Public bookings are reminded only once staff confirm them (issue 14).
        for (String confirmed : List.of(bookingId, secondBooking, refusedBooking, unansweredBooking)) {
            platform.call("PUT", "/api/v1/bookings/" + confirmed + "/confirm", staff, Map.of(), 200);
        }

        FakeTwilio.Sms first = smsTo(CLIENT_PHONE);
        FakeTwilio.Sms second = smsTo(SECOND_PHONE);
        smsTo(REFUSED_PHONE);
        platform.twilioReports(first.sid(), "delivered", CLIENT_PHONE);
        platform.twilioReports(second.sid(), "failed", SECOND_PHONE);
        reminderReaches(staff, bookingId, "delivered");
        reminderReaches(staff, secondBooking, "failed");
        reminderReaches(staff, refusedBooking, "failed");
        reminderReaches(staff, unansweredBooking, "unknown");

        // Manual sends to one number until the recipient quota (3 an hour) refuses one.
        for (int i = 0; i < 4; i++) {
            platform.send(
                    "POST",
                    "/api/v1/reminders/send",
                    staff,
                    Map.of("phoneNumber", MANUAL_PHONE, "message", "Your results are ready to collect."),
                    Map.of());
        }

        failures(staff);
        platform.call("POST", "/api/v1/auth/logout", staff, Map.of(), 200);
        lockOutThenHitTheAuthLimit();

        // A public booking plans its reminders when staff confirm it (issue 14): the confirmation's trace is the one
        // whose consumption plans the SMS.
        bookingTraceId = traceIdOfTheEvent(bookingId, "org.scheduleright.booking.confirmed.v1");
    }

    /** Wrong passwords, a forged token, malformed and invalid bodies, an unknown id, an undecodable event. */
    private void failures(String staff) throws Exception {
        platform.call("POST", "/api/v1/auth/login", null, Map.of("email", staffEmail, "password", wrongPassword), 401);
        platform.call(
                "POST",
                "/api/v1/auth/login",
                null,
                Map.of("email", "nobody." + CLIENT_EMAIL, "password", wrongPassword),
                401);
        String forged = staff.substring(0, staff.lastIndexOf('.') + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);
        tokens.add(forged);
        platform.call("GET", "/api/v1/bookings/" + bookingId, forged, null, 401);
        platform.call("GET", "/api/v1/bookings/" + UUID.randomUUID(), staff, null, 404);
        HttpResponse<String> malformed = platform.send(
                "POST",
                "/api/public/bookings",
                null,
                "{\"clientEmail\":\"" + CLIENT_EMAIL + "\",\"clientPhone\":\"" + CLIENT_PHONE + "\"",
                Map.of());
        assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
        HttpResponse<String> invalid = platform.send(
                "POST",
                "/api/public/bookings",
                null,
                Map.of(
                        "siteId",
                        UUID.randomUUID().toString(),
                        "slotId",
                        UUID.randomUUID().toString(),
                        "clientName",
                        CLIENT_NAME,
                        "clientEmail",
                        CLIENT_EMAIL + "@@",
                        "clientPhone",
                        CLIENT_PHONE + "x"),
                Map.of());
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().getBrokersAsString()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            BOOKINGS_TOPIC,
                            UUID.randomUUID().toString(),
                            ("{\"clientPhone\":\"" + CLIENT_PHONE + "\"}").getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
    }

    /** Five wrong passwords lock the account; further attempts from this address then hit the auth limit. */
    private void lockOutThenHitTheAuthLimit() throws Exception {
        Map<String, String> attempt = Map.of("email", staffEmail, "password", wrongPassword);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 60 && !codes.contains("RATE_LIMIT_EXCEEDED"); i++) {
            HttpResponse<String> answer = platform.send("POST", "/api/v1/auth/login", null, attempt, Map.of());
            JsonNode body = platform.json().readTree(answer.body());
            codes.add(body.path("code").asString(String.valueOf(answer.statusCode())));
        }
        assertThat(codes).contains("ACCOUNT_LOCKED").endsWith("RATE_LIMIT_EXCEEDED");
    }

    // ---------------------------------------------------------------- 1. one trace per user action

    @Test
    void oneBookingIsOneTraceFromTheGatewayToTheConsumerAndItsSmsIsALinkedTrace() throws Exception {
        SpanCollector collector = platform.collector();
        await("reminder-service's consumption of the booking's events is exported")
                .atMost(EVENTUALLY)
                .untilAsserted(() -> assertThat(collector.trace(bookingTraceId))
                        .as("trace " + bookingTraceId + " of "
                                + collector.spans().size() + " spans received: "
                                + describe(collector.trace(bookingTraceId)))
                        .anyMatch(span -> span.service().equals(Platform.REMINDER)
                                && span.kind() == SpanKind.SPAN_KIND_CONSUMER));
        List<ReceivedSpan> trace = collector.trace(bookingTraceId);
        String described = describe(trace);

        ReceivedSpan gatewayServer = only(
                trace,
                span -> span.service().equals(Platform.GATEWAY) && span.kind() == SpanKind.SPAN_KIND_SERVER,
                described);
        assertThat(gatewayServer.isRoot())
                .as("the gateway starts the trace: " + described)
                .isTrue();
        ReceivedSpan bookingServer = only(
                trace,
                span -> span.service().equals(Platform.BOOKING) && span.kind() == SpanKind.SPAN_KIND_SERVER,
                described);
        ReceivedSpan bookingParent = byId(trace, bookingServer.parentSpanId(), described);
        assertThat(bookingParent.service())
                .as("booking-service's request is a child of the gateway's call: " + described)
                .isEqualTo(Platform.GATEWAY);
        assertThat(trace)
                .as("R2DBC queries inside booking-service's request: " + described)
                .anySatisfy(span -> {
                    assertThat(span.service()).isEqualTo(Platform.BOOKING);
                    assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
                    assertThat(span.attributes().keySet()).anyMatch(key -> key.startsWith("r2dbc."));
                    assertThat(descendsFrom(trace, span, bookingServer)).isTrue();
                });
        ReceivedSpan consumption = only(
                trace,
                span -> span.service().equals(Platform.REMINDER) && span.kind() == SpanKind.SPAN_KIND_CONSUMER,
                described);
        ReceivedSpan publish = byId(trace, consumption.parentSpanId(), described);
        assertThat(publish.service()).as(described).isEqualTo(Platform.BOOKING);
        assertThat(publish.kind()).as(described).isEqualTo(SpanKind.SPAN_KIND_PRODUCER);
        assertThat(descendsFrom(trace, publish, bookingServer))
                .as("the outbox publish continues the request's trace: " + described)
                .isTrue();

        ReceivedSpan send = await("the SMS send is exported as a trace linked to the booking's")
                .atMost(EVENTUALLY)
                .until(
                        () -> collector
                                .spans(span -> span.service().equals(Platform.REMINDER)
                                        && span.isRoot()
                                        && span.links().stream()
                                                .anyMatch(link -> link.traceId().equals(bookingTraceId)))
                                .stream()
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(send.traceId()).isNotEqualTo(bookingTraceId);
        List<ReceivedSpan> sendTrace = await("the Twilio call is exported")
                .atMost(EVENTUALLY)
                .until(
                        () -> collector.trace(send.traceId()),
                        spans -> spans.stream()
                                .anyMatch(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT
                                        && span.parentSpanId().equals(send.spanId())));
        assertThat(sendTrace)
                .as(describe(sendTrace))
                .allMatch(span -> span.service().equals(Platform.REMINDER));

        assertThat(traceIdsLogged(Platform.GATEWAY)).as("gateway log").contains(bookingTraceId);
        assertThat(traceIdsLogged(Platform.BOOKING)).as("booking-service log").contains(bookingTraceId);
        assertThat(traceIdsLogged(Platform.REMINDER))
                .as("reminder-service log: the consumption and the send")
                .contains(bookingTraceId, send.traceId());
    }

    // ---------------------------------------------------------------- 2. metrics operators can alert on

    @Test
    void everyServiceExportsTheSeriesOperatorsWatch() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        for (String service : Platform.SERVICES) {
            PrometheusText metrics = scrape(service);
            softly.assertThat(metrics.names())
                    .as(service + " /metrics")
                    .contains(
                            "http_server_requests_seconds_bucket",
                            "http_server_requests_seconds_count",
                            "jvm_memory_used_bytes",
                            "jvm_gc_pause_seconds_count",
                            "process_cpu_usage",
                            "process_memory_rss_bytes",
                            "process_uptime_seconds",
                            "r2dbc_query_seconds_bucket");
            softly.assertThat(metrics.series("http_server_requests_seconds_count"))
                    .as(service + ": URIs are templates, never raw ids")
                    .allSatisfy(sample -> assertThat(sample.label("uri"))
                            .doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        }
        PrometheusText gateway = scrape(Platform.GATEWAY);
        softly.assertThat(gateway.labelValues("scheduleright_auth_logins_total", "result"))
                .contains("success", "failure", "locked");
        softly.assertThat(gateway.names()).contains("scheduleright_auth_refresh_families_active");
        softly.assertThat(gateway.labelValues("scheduleright_ratelimit_rejections_total", "limit"))
                .contains("auth");

        PrometheusText booking = scrape(Platform.BOOKING);
        softly.assertThat(booking.labelValues("scheduleright_bookings_total", "status"))
                .contains("pending", "confirmed");
        softly.assertThat(booking.names())
                .contains(
                        "scheduleright_outbox_backlog_events",
                        "scheduleright_outbox_oldest_unsent_age_seconds",
                        "kafka_producer_record_send_total");
        softly.assertThat(booking.labelValues("http_server_requests_seconds_count", "uri"))
                .contains("/api/v1/bookings/{id}/confirm", "/api/public/bookings");

        PrometheusText reminder = scrape(Platform.REMINDER);
        softly.assertThat(reminder.labelValues("scheduleright_reminders_total", "status"))
                .contains("sent", "failed");
        softly.assertThat(reminder.labelValues("scheduleright_sms_delivery_total", "result"))
                .contains("delivered", "failed");
        softly.assertThat(reminder.names())
                .contains(
                        "scheduleright_sms_quota_usage_ratio",
                        "scheduleright_sms_quota_rejections_total",
                        "kafka_consumer_fetch_manager_records_lag_max",
                        "kafka_producer_record_send_total");
        softly.assertAll();
    }

    // ---------------------------------------------------------------- 3. dashboards and alerts read real series

    @Test
    void dashboardsAndAlertRulesReadOnlySeriesTheServicesExport() throws Exception {
        Set<String> exported = new TreeSet<>();
        for (String service : Platform.SERVICES) {
            exported.addAll(scrape(service).names());
        }
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Map<String, Set<String>> readBy = new TreeMap<>();
        Set<String> recorded = new TreeSet<>();

        Path dashboards = repository.resolve("infra/grafana/dashboards");
        List<Path> dashboardFiles;
        try (Stream<Path> files = Files.list(dashboards)) {
            dashboardFiles =
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(dashboardFiles).as("dashboards in " + dashboards).hasSizeGreaterThanOrEqualTo(4);
        for (Path file : dashboardFiles) {
            JsonNode dashboard = platform.json().readTree(file.toFile());
            List<String> expressions = new ArrayList<>();
            collectExpressions(dashboard, expressions);
            assertThat(expressions).as(file + " has queries").isNotEmpty();
            expressions.forEach(
                    expr -> readBy.computeIfAbsent(file.getFileName().toString(), k -> new TreeSet<>())
                            .addAll(PromQlNames.of(expr)));
        }
        try (Stream<Path> files = Files.list(repository.resolve("infra/prometheus/rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    Map<String, Object> rules = new Yaml().load(in);
                    for (Object group : (List<?>) rules.get("groups")) {
                        for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                            Map<?, ?> r = (Map<?, ?>) rule;
                            if (r.get("record") != null) {
                                recorded.add(r.get("record").toString());
                            }
                            readBy.computeIfAbsent(file.getFileName().toString(), k -> new TreeSet<>())
                                    .addAll(PromQlNames.of(r.get("expr").toString()));
                        }
                    }
                }
            }
        }
        Set<String> fromElsewhere = Set.of("up", "node_filesystem_avail_bytes", "node_filesystem_size_bytes");
        readBy.forEach((file, names) -> assertThat(names)
                .as(file + " reads only series the services export (or recording rules / Prometheus / node-exporter)")
                .allMatch(name -> exported.contains(name) || recorded.contains(name) || fromElsewhere.contains(name)));
        assertThat(readBy.values().stream().flatMap(Set::stream))
                .as("the check saw the business series")
                .contains("scheduleright_sms_delivery_total", "scheduleright_auth_logins_total");
    }

    // ---------------------------------------------------------------- 4. logs without personal data

    @Test
    void noLogLineOfAnyServiceCarriesPersonalDataOrSecrets() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(
                CLIENT_PHONE,
                SECOND_PHONE,
                REFUSED_PHONE,
                UNANSWERED_PHONE,
                MANUAL_PHONE,
                CLIENT_PHONE.substring(1),
                REFUSED_PHONE.substring(2),
                CLIENT_EMAIL,
                "sam.observed@example.org",
                "kim.observed@example.org",
                "lee.observed@example.org",
                staffEmail,
                platform.settings().adminEmail(),
                staffPassword,
                wrongPassword,
                platform.settings().adminPassword(),
                platform.twilioToken));
        secrets.addAll(tokens);
        int lines = 0;
        for (String service : Platform.SERVICES) {
            List<String> log = Files.readAllLines(platform.log(service), StandardCharsets.UTF_8);
            for (String line : log) {
                // Every line is scanned; apart from the JVM's own notices every line is one JSON object.
                if (!JVM_NOTICE.matcher(line).lookingAt()) {
                    assertThat(platform.json().readTree(line).isObject())
                            .as(service + " writes structured JSON lines only: " + line)
                            .isTrue();
                    lines++;
                }
                for (String secret : secrets) {
                    assertThat(line)
                            .as(service + " logged personal data or a secret")
                            .doesNotContain(secret);
                }
                assertThat(line).as(service + " logged a client's name").doesNotContain(CLIENT_NAME);
            }
        }
        assertThat(lines).as("the scan read the services' JSON lines").isGreaterThan(100);
    }

    // ---------------------------------------------------------------- helpers

    private String login(String email, String password) throws Exception {
        JsonNode answer =
                platform.call("POST", "/api/v1/auth/login", null, Map.of("email", email, "password", password), 200);
        tokens.add(answer.get("accessToken").asString());
        tokens.add(answer.get("refreshToken").asString());
        return answer.get("accessToken").asString();
    }

    private String book(String siteId, String slotId, String name, String email, String phone) throws Exception {
        return platform.bookAsMemberOfThePublic(siteId, slotId, name, email, phone)
                .get("id")
                .asString();
    }

    private FakeTwilio.Sms smsTo(String phone) {
        return await("Twilio receives a message for a booking")
                .atMost(EVENTUALLY)
                .until(
                        () -> platform.twilio().received().stream()
                                .filter(sms -> phone.equals(sms.form().get("To")))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    private void reminderReaches(String staff, String booking, String status) {
        await("the reminder of " + booking + " is " + status)
                .atMost(EVENTUALLY)
                .until(
                        () -> platform.reminders(staff, booking),
                        reminders -> reminders.stream()
                                .anyMatch(reminder ->
                                        reminder.get("status").asString().equals(status)));
    }

    /** The traceparent of the booking event of {@code type} names the trace of the request that caused it. */
    private String traceIdOfTheEvent(String booking, String type) {
        List<String> found = new ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(
                Map.of(
                        "bootstrap.servers",
                        platform.kafka().getBrokersAsString(),
                        "group.id",
                        "observability-" + platform.suffix(),
                        "auto.offset.reset",
                        "earliest"),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(BOOKINGS_TOPIC));
            await("the booking's " + type + " event")
                    .atMost(EVENTUALLY)
                    .pollInSameThread()
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                            if (booking.equals(header(record, "ce_subject"))
                                    && type.equals(header(record, "ce_type"))) {
                                found.add(header(record, "traceparent"));
                            }
                        });
                        return !found.isEmpty();
                    });
        }
        assertThat(found.get(0)).matches(TRACEPARENT);
        return found.get(0).replaceAll(TRACEPARENT, "$1");
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private PrometheusText scrape(String service) throws Exception {
        return PrometheusText.parse(platform.direct(service, "/metrics"));
    }

    private Set<String> traceIdsLogged(String service) throws IOException {
        Set<String> ids = new TreeSet<>();
        for (String line : Files.readAllLines(platform.log(service), StandardCharsets.UTF_8)) {
            if (line.startsWith("{")) {
                JsonNode entry = platform.json().readTree(line);
                String id =
                        entry.path("traceId").asString(entry.path("trace.id").asString(""));
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    private static void collectExpressions(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (entry.getKey().equals("expr") && entry.getValue().isString()) {
                    out.add(entry.getValue().asString());
                } else {
                    collectExpressions(entry.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectExpressions(child, out));
        }
    }

    private static ReceivedSpan only(List<ReceivedSpan> trace, Predicate<ReceivedSpan> filter, String described) {
        List<ReceivedSpan> matching = trace.stream().filter(filter).toList();
        assertThat(matching).as(described).hasSize(1);
        return matching.get(0);
    }

    private static ReceivedSpan byId(List<ReceivedSpan> trace, String spanId, String described) {
        return trace.stream()
                .filter(span -> span.spanId().equals(spanId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no span " + spanId + " in " + described));
    }

    private static boolean descendsFrom(List<ReceivedSpan> trace, ReceivedSpan span, ReceivedSpan ancestor) {
        ReceivedSpan current = span;
        for (int depth = 0; depth < 64 && !current.isRoot(); depth++) {
            if (current.parentSpanId().equals(ancestor.spanId())) {
                return true;
            }
            String parent = current.parentSpanId();
            current = trace.stream()
                    .filter(s -> s.spanId().equals(parent))
                    .findFirst()
                    .orElse(null);
            if (current == null) {
                return false;
            }
        }
        return false;
    }

    private static String describe(List<ReceivedSpan> spans) {
        StringBuilder out = new StringBuilder("\n");
        spans.forEach(span -> out.append("  ").append(span).append('\n'));
        return out.toString();
    }

    @AfterAll
    void stopThePlatform() {
        if (platform != null) {
            platform.close();
        }
    }
}
