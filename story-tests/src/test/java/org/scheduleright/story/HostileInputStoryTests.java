package org.scheduleright.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14: hostile requests against the three real services through the gateway. Every case is generated from the
 * tables below (routes × mutations, path tricks, odd headers, forged tokens): each answer must be a 4xx in the
 * contract's error format, echo no personal datum of the request, and change nothing; afterwards every list reads
 * exactly as before and every service is still ready.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputStoryTests {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** Personal data every hostile body carries; none of it may come back in an answer. */
    private static final String NAME = "Hostile Marker";

    private static final String EMAIL = "hostile.marker@example.org";

    private static final String PHONE = "+447700900999";

    private static final String FORWARDED_IP = "203.0.113.77";

    private static final List<String> PERSONAL = List.of(NAME, EMAIL, PHONE, "hostile.marker", "7700900999");

    private static final Set<String> CODES = Set.of(
            "INVALID_TOKEN",
            "TOKEN_EXPIRED",
            "INVALID_CREDENTIALS",
            "INSUFFICIENT_PERMISSIONS",
            "RESOURCE_NOT_FOUND",
            "METHOD_NOT_ALLOWED",
            "NOT_ACCEPTABLE",
            "VALIDATION_ERROR",
            "DUPLICATE_RESOURCE",
            "SLOT_UNAVAILABLE",
            "INVALID_STATE_TRANSITION",
            "PAYLOAD_TOO_LARGE",
            "UNSUPPORTED_MEDIA_TYPE",
            "RATE_LIMIT_EXCEEDED",
            "ACCOUNT_LOCKED");

    private Platform platform;

    private String admin;

    private String staff;

    private String orgId;

    private String siteId;

    private String slotId;

    private String otherSlotId;

    private String bookingId;

    private Map<String, String> before;

    /** Who calls: resolved to a token once the platform runs. */
    enum Caller {
        NOBODY,
        ADMIN_WITHOUT_ORG,
        STAFF
    }

    /** One hostile request. {@code body} null sends none; {@code contentType} null sends no Content-Type. */
    record Hostile(
            String label,
            String method,
            String path,
            Caller caller,
            String contentType,
            byte[] body,
            Map<String, String> headers,
            List<String> mustNotEcho) {

        Hostile as(Caller other) {
            return new Hostile(label, method, path, other, contentType, body, headers, mustNotEcho);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** A route that takes a JSON body: a valid body for it, and which fields are required, numbers or formatted. */
    record BodyRoute(
            String method,
            String path,
            Caller caller,
            Map<String, Object> valid,
            List<String> required,
            List<String> numbers,
            List<String> formatted) {}

    /** A request that would succeed (or fail for one reason only) before a header makes it hostile. */
    record Request(String label, String method, String path, Caller caller, String body) {

        Hostile hostile(String how, String contentType, Map<String, String> headers, List<String> mustNotEcho) {
            return new Hostile(
                    label + " " + how,
                    method,
                    path,
                    caller,
                    contentType,
                    body.getBytes(StandardCharsets.UTF_8),
                    headers,
                    mustNotEcho);
        }
    }

    // ---------------------------------------------------------------- the tables

    private List<BodyRoute> bodyRoutes() {
        Instant start = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
        Map<String, Object> weekly = new LinkedHashMap<>();
        weekly.put("recurrence", "weekly");
        weekly.put("daysOfWeek", List.of(1, 3));
        weekly.put("startTime", "09:00");
        weekly.put("endTime", "10:00");
        weekly.put("durationMinutes", 30);
        weekly.put("capacity", 2);
        weekly.put("from", "2027-01-04");
        weekly.put("until", "2027-01-10");
        return List.of(
                new BodyRoute(
                        "POST",
                        "/api/v1/auth/login",
                        Caller.NOBODY,
                        map("email", EMAIL, "password", "Not-the-password-1"),
                        List.of("email", "password"),
                        List.of(),
                        List.of("email")),
                new BodyRoute(
                        "POST",
                        "/api/v1/auth/refresh",
                        Caller.NOBODY,
                        map("refreshToken", "not-a-refresh-token-" + EMAIL),
                        List.of("refreshToken"),
                        List.of(),
                        List.of("refreshToken")),
                new BodyRoute(
                        "POST",
                        "/api/v1/users",
                        Caller.STAFF,
                        map(
                                "email",
                                EMAIL,
                                "name",
                                NAME,
                                "password",
                                "Hostile-password-123",
                                "roles",
                                List.of("CLIENT"),
                                "orgId",
                                "${org}"),
                        List.of("email", "name", "password", "roles"),
                        List.of(),
                        List.of("email", "orgId")),
                new BodyRoute(
                        "POST",
                        "/api/v1/orgs",
                        Caller.ADMIN_WITHOUT_ORG,
                        map("name", "Hostile care centre", "timezone", "Europe/London"),
                        List.of("name", "timezone"),
                        List.of(),
                        List.of("timezone")),
                new BodyRoute(
                        "POST",
                        "/api/v1/orgs/${org}/sites",
                        Caller.STAFF,
                        map("name", "Hostile site", "address", "1 Hostile Road", "timezone", "Europe/London"),
                        List.of("name"),
                        List.of(),
                        List.of("timezone")),
                new BodyRoute(
                        "POST",
                        "/api/v1/sites/${site}/availability",
                        Caller.STAFF,
                        map(
                                "startTime", start.toString(),
                                "endTime", start.plus(Duration.ofMinutes(30)).toString(),
                                "capacity", 3),
                        List.of("startTime", "endTime", "capacity"),
                        List.of("capacity"),
                        List.of("startTime", "endTime")),
                new BodyRoute(
                        "POST",
                        "/api/v1/sites/${site}/availability",
                        Caller.STAFF,
                        weekly,
                        List.of("daysOfWeek", "startTime", "endTime", "durationMinutes", "capacity", "from", "until"),
                        List.of("durationMinutes", "capacity"),
                        List.of("startTime", "endTime", "from", "until")),
                new BodyRoute(
                        "POST",
                        "/api/v1/sites/${site}/bookings",
                        Caller.STAFF,
                        map(
                                "slotId", "${slot}",
                                "clientName", NAME,
                                "clientEmail", EMAIL,
                                "clientPhone", PHONE,
                                "notes", "hostile notes"),
                        List.of("slotId", "clientName"),
                        List.of(),
                        List.of("slotId", "clientName", "clientEmail", "clientPhone")),
                new BodyRoute(
                        "POST",
                        "/api/public/bookings",
                        Caller.NOBODY,
                        map(
                                "siteId", "${site}",
                                "slotId", "${slot}",
                                "clientName", NAME,
                                "clientEmail", EMAIL,
                                "clientPhone", PHONE),
                        List.of("siteId", "slotId", "clientName"),
                        List.of(),
                        List.of("siteId", "slotId", "clientName", "clientEmail", "clientPhone")),
                new BodyRoute(
                        "PUT",
                        "/api/v1/bookings/${booking}/reschedule",
                        Caller.STAFF,
                        map("slotId", "${otherSlot}"),
                        List.of("slotId"),
                        List.of(),
                        List.of("slotId")),
                new BodyRoute(
                        "PUT",
                        "/api/v1/reminders/settings",
                        Caller.STAFF,
                        map(
                                "enabled",
                                false,
                                "leadTimesHours",
                                List.of(48),
                                "template",
                                "Hi {{name}} " + NAME,
                                "sendCancellationNotice",
                                true),
                        List.of("enabled", "leadTimesHours", "template"),
                        List.of("leadTimesHours"),
                        List.of()),
                new BodyRoute(
                        "POST",
                        "/api/v1/reminders/send",
                        Caller.STAFF,
                        map("phoneNumber", PHONE, "message", "Hello " + NAME),
                        List.of("phoneNumber", "message"),
                        List.of(),
                        List.of("phoneNumber")));
    }

    /** Whole-body mutations: each turns any body into one that must be refused. */
    private static final Map<String, Function<String, byte[]>> BODY_MUTATIONS = bodyMutations();

    private static Map<String, Function<String, byte[]>> bodyMutations() {
        Map<String, Function<String, byte[]>> m = new LinkedHashMap<>();
        m.put("an open brace", valid -> utf8("{"));
        m.put("truncated JSON", valid -> utf8(valid.substring(0, valid.length() / 2)));
        m.put("a trailing comma", valid -> utf8(valid.substring(0, valid.length() - 1) + ",}"));
        m.put("single quotes", valid -> utf8(valid.replace('"', '\'')));
        m.put("plain text", valid -> utf8("name=" + NAME + "&email=" + EMAIL));
        m.put("an array", valid -> utf8("[" + valid + "]"));
        m.put("a JSON string", valid -> utf8("\"" + EMAIL + "\""));
        m.put("a JSON number", valid -> utf8("12345678901234567890"));
        m.put("JSON null", valid -> utf8("null"));
        m.put("an empty body", valid -> new byte[0]);
        m.put("invalid UTF-8", valid -> {
            byte[] text = utf8(valid);
            byte[] out = new byte[text.length + 2];
            System.arraycopy(text, 0, out, 0, 2);
            out[2] = (byte) 0xC3;
            out[3] = (byte) 0x28;
            System.arraycopy(text, 2, out, 4, text.length - 2);
            return out;
        });
        m.put("deep nesting", valid -> utf8("{\"a\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}"));
        m.put(
                "an oversized body",
                valid -> utf8(
                        valid.substring(0, valid.length() - 1) + ",\"padding\":\"" + "x".repeat(70 * 1024) + "\"}"));
        return m;
    }

    /** Field mutations: what a required, numeric or formatted field becomes. */
    private static final Map<String, Object> WRONG_TYPES =
            map("an object", Map.of("value", EMAIL), "an array", List.of(NAME, PHONE));

    /** Raw JSON numbers (JSON text, put in place of the value). */
    private static final Map<String, String> BAD_NUMBERS = new LinkedHashMap<>(Map.of(
            "negative", "-1",
            "zero", "0",
            "huge", "99999999999999999999999999",
            "overflowing", "1e400",
            "hugely negative", "-9223372036854775809"));

    private static final Map<String, Object> BAD_FORMATS = map(
            "a control character", "Hostile\u0000\u0007Marker",
            "a lone surrogate", "Hostile\uD800Marker",
            "an over-long value", "h".repeat(5000),
            "an impossible date", "2026-02-30T25:61:00Z",
            "an extreme year", "+999999999-12-31T23:59:59Z",
            "a path", "../../../etc/passwd");

    private static final List<String> BAD_IDS = List.of(
            "not-a-uuid",
            "%2e%2e",
            "..%2F..%2Factuator",
            "x;y=z",
            "00000000-0000-0000-0000-00000000000g",
            "%00",
            "%20",
            "%27%20OR%201=1--",
            "a".repeat(2000),
            "%C3%A9%F0%9F%98%80",
            "-1",
            "99999999999999999999999");

    private List<String> idRoutes() {
        return List.of(
                "GET /api/v1/orgs/{id}",
                "GET /api/v1/orgs/{id}/sites",
                "GET /api/v1/sites/{id}/availability?from=2027-01-01T00:00:00Z&to=2027-01-02T00:00:00Z",
                "GET /api/v1/bookings/{id}",
                "PUT /api/v1/bookings/{id}/confirm",
                "GET /api/v1/bookings/{id}/reminders",
                "GET /api/public/sites/{id}/info",
                "DELETE /api/v1/sites/${site}/availability/{id}");
    }

    private static final List<String> BAD_QUERIES = List.of(
            "from=not-a-date&to=2027-01-01T00:00:00Z",
            "from=2026-02-30T00:00:00Z&to=2027-01-01T00:00:00Z",
            "from=2027-01-01T00:00:00Z&to=%2B999999999-12-31T23:59:59Z",
            "from=-999999999-01-01T00:00:00Z&to=2027-01-01T00:00:00Z",
            "from=2027-01-02T00:00:00Z&to=2027-01-01T00:00:00Z",
            "from=0999-12-31T23:59:59Z&to=2027-01-01T00:00:00Z",
            "from=2027-01-01T00:00:00Z&to=2027-01-01T00:00:00Z%00");

    private static final List<String> BAD_LIST_QUERIES = List.of(
            "page=-1", "size=100000000", "size=abc", "status=bogus", "page=99999999999999999999", "from=yesterday");

    private static final List<String> ODD_CONTENT_TYPES = List.of(
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=hostile",
            "garbage",
            "application/json; charset=ebcdic-hostile",
            "");

    private static final List<String> BAD_IDEMPOTENCY_KEYS = List.of("k".repeat(256), "a b", "");

    private static final List<String> ODD_FORWARDED_FOR =
            List.of("' OR '1'='1", "999.999.999.999", FORWARDED_IP + ", , ,", "x".repeat(3000), "::ffff:zz", "unknown");

    private List<String> forgedAuthorizations() {
        String[] parts = staff.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(utf8("{\"alg\":\"none\"}"));
        return List.of(
                "Bearer",
                "Bearer ",
                "Bearer x.y.z",
                "Bearer " + "a".repeat(3000),
                "Basic YWRtaW46YWRtaW4=",
                "Bearer " + none + "." + parts[1] + ".",
                "Bearer " + parts[0] + "." + parts[1] + "." + "A".repeat(parts[2].length()),
                "bearer " + staff.substring(0, staff.length() - 2));
    }

    // ---------------------------------------------------------------- the cases

    Stream<Hostile> hostileRequests() throws Exception {
        List<Hostile> cases = new ArrayList<>();
        for (BodyRoute route : bodyRoutes()) {
            String valid = platform.json().writeValueAsString(resolve(route.valid()));
            String where = route.method() + " " + route.path();
            BODY_MUTATIONS.forEach(
                    (label, mutation) -> cases.add(json(where + " with " + label, route, mutation.apply(valid))));
            for (String field : route.required()) {
                cases.add(json(where + " with " + field + " null", route, with(route, field, null)));
            }
            for (String field : route.valid().keySet()) {
                WRONG_TYPES.forEach((label, value) ->
                        cases.add(json(where + " with " + field + " as " + label, route, with(route, field, value))));
            }
            for (String field : route.numbers()) {
                BAD_NUMBERS.forEach((label, value) ->
                        cases.add(json(where + " with " + field + " " + label, route, withRaw(route, field, value))));
            }
            for (String field : route.formatted()) {
                BAD_FORMATS.forEach((label, value) ->
                        cases.add(json(where + " with " + field + " as " + label, route, with(route, field, value))));
            }
        }
        for (String route : idRoutes()) {
            String method = route.substring(0, route.indexOf(' '));
            for (String id : BAD_IDS) {
                String path = resolve(route.substring(route.indexOf(' ') + 1)).replace("{id}", id);
                cases.add(new Hostile(
                        route + " with id " + abbreviate(id),
                        method,
                        path,
                        Caller.STAFF,
                        null,
                        null,
                        Map.of(),
                        List.of()));
            }
        }
        for (String query : BAD_QUERIES) {
            for (String path : List.of(
                    "/api/v1/sites/${site}/availability",
                    "/api/v1/sites/${site}/availability/available",
                    "/api/public/sites/${site}/availability")) {
                cases.add(get("GET " + path + "?" + query, resolve(path) + "?" + query));
            }
        }
        for (String query : BAD_LIST_QUERIES) {
            cases.add(get("GET bookings list ?" + query, resolve("/api/v1/sites/${site}/bookings?") + query));
        }
        for (String path : List.of(
                "/api/v1/%2e%2e/%2e%2e/actuator/env",
                "/api/v1/orgs/..%2F..%2Factuator",
                "/api/v1/bookings/%2e%2e/me%00",
                "/api/public/sites/..;/..;/v1/orgs",
                "/api/v1/reminders/settings/..;x=y",
                "/api/v1/sites/%252e%252e/bookings")) {
            cases.add(get("GET path trick " + path, path));
        }
        Request publicBooking = request("public booking", bodyRoutes().get(8));
        Request staffBooking = request("staff booking", bodyRoutes().get(7));
        Request settings = request("settings", bodyRoutes().get(10));
        for (String contentType : ODD_CONTENT_TYPES) {
            for (Request valid : List.of(publicBooking, staffBooking, settings)) {
                cases.add(valid.hostile("as " + contentType, contentType, Map.of(), PERSONAL));
            }
        }
        cases.add(publicBooking.hostile("without Content-Type", null, Map.of(), PERSONAL));
        for (String key : BAD_IDEMPOTENCY_KEYS) {
            for (Request valid : List.of(publicBooking, staffBooking)) {
                cases.add(valid.hostile(
                        "with Idempotency-Key " + abbreviate(key),
                        "application/json",
                        Map.of("Idempotency-Key", key),
                        PERSONAL));
            }
        }
        Request emptyPublicBooking = new Request(
                "empty public booking",
                "POST",
                "/api/public/bookings",
                Caller.NOBODY,
                "{\"clientEmail\":\"" + EMAIL + "\"}");
        Request wrongLogin = new Request(
                "login",
                "POST",
                "/api/v1/auth/login",
                Caller.NOBODY,
                "{\"email\":\"" + EMAIL + "\",\"password\":\"Wrong-password-123\"}");
        for (String forwarded : ODD_FORWARDED_FOR) {
            for (Request refused : List.of(emptyPublicBooking, wrongLogin)) {
                cases.add(refused.hostile(
                        "from X-Forwarded-For " + abbreviate(forwarded),
                        "application/json",
                        Map.of("X-Forwarded-For", forwarded),
                        List.of(FORWARDED_IP, EMAIL)));
            }
        }
        for (String authorization : forgedAuthorizations()) {
            for (String route : List.of("GET /api/v1/users/me", "GET /api/v1/reminders/settings", "GET /api/v1/orgs")) {
                cases.add(new Hostile(
                        route + " with Authorization " + abbreviate(authorization),
                        route.substring(0, route.indexOf(' ')),
                        route.substring(route.indexOf(' ') + 1),
                        Caller.NOBODY,
                        null,
                        null,
                        Map.of("Authorization", authorization),
                        List.of()));
            }
        }
        // Item 8: an ADMIN without an organisation has no "own organisation" to act on.
        cases.add(get("GET settings as an ADMIN without organisation", "/api/v1/reminders/settings")
                .as(Caller.ADMIN_WITHOUT_ORG));
        Request manualSend = request("manual send", bodyRoutes().get(11));
        for (Request own : List.of(settings, manualSend)) {
            cases.add(own.hostile("as an ADMIN without organisation", "application/json", Map.of(), PERSONAL)
                    .as(Caller.ADMIN_WITHOUT_ORG));
        }
        for (String webhook : List.of("/webhooks/twilio/status", "/webhooks/twilio/inbound")) {
            for (String form : List.of(
                    "From=" + PHONE.replace("+", "%2B") + "&Body=STOP",
                    "MessageSid=SM1&MessageStatus=delivered&To=" + PHONE.replace("+", "%2B"),
                    "%%%&&&==",
                    "")) {
                cases.add(new Hostile(
                        "unsigned " + webhook + " " + abbreviate(form),
                        "POST",
                        webhook,
                        Caller.NOBODY,
                        "application/x-www-form-urlencoded",
                        utf8(form),
                        Map.of("X-Twilio-Signature", "forged"),
                        PERSONAL));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    @Order(1)
    void answersA4xxInTheContractFormatWithoutEchoingPersonalData(Hostile hostile) throws Exception {
        HttpResponse<String> answer = send(hostile);
        String body = answer.body();
        String context = hostile.method() + " " + abbreviate(hostile.path()) + " -> " + answer.statusCode() + " "
                + abbreviate(body);

        assertThat(answer.statusCode()).as(context).isBetween(400, 499);
        JsonNode error = platform.json().readTree(body);
        assertThat(error.path("statusCode").asInt()).as(context).isEqualTo(answer.statusCode());
        assertThat(error.path("code").asString()).as(context).isIn(CODES);
        assertThat(error.path("error").asString()).as(context).isNotBlank();
        assertThat(Instant.parse(error.path("timestamp").asString()))
                .as(context)
                .isNotNull();
        assertThat(error.path("traceId").asString()).as(context).isNotBlank();
        assertThat(body).as(context).doesNotContain("Exception", "\tat ", "java.", "SQL", "127.0.0.1", "localhost");
        for (String personal : hostile.mustNotEcho()) {
            assertThat(body).as(context).doesNotContain(personal);
        }
    }

    @Test
    @Order(2)
    void nothingWasWrittenAndEveryServiceIsStillReady() throws Exception {
        assertThat(snapshot()).isEqualTo(before);
        for (String service : Platform.SERVICES) {
            assertThat(platform.direct(service, "/readiness")).contains("UP");
        }
        assertThat(platform.twilio().received()).as("no SMS left the platform").isEmpty();
    }

    // ---------------------------------------------------------------- set-up and helpers

    @BeforeAll
    void startThePlatformWithOneOrganisation() throws Exception {
        platform = Platform.start(Platform.Settings.named("hostile"));
        admin = platform.login(
                platform.settings().adminEmail(), platform.settings().adminPassword());
        orgId = platform.createOrganisation(admin, "Hostile Care Centre", LONDON);
        String staffEmail = "staff." + UUID.randomUUID() + "@hostile.scheduleright.local";
        String staffPassword = "Hostile-staff-" + UUID.randomUUID();
        platform.createStaffMember(admin, orgId, staffEmail, "Hostile Staff", staffPassword);
        staff = platform.login(staffEmail, staffPassword);
        siteId = platform.createSite(staff, orgId, "Hostile clinic", LONDON);
        Instant start = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.HOURS);
        slotId = platform.openSlot(staff, siteId, start, 2);
        otherSlotId = platform.openSlot(staff, siteId, start.plus(Duration.ofHours(2)), 2);
        bookingId = platform.call(
                        "POST",
                        "/api/v1/sites/" + siteId + "/bookings",
                        staff,
                        map("slotId", slotId, "clientName", "Resident Client", "clientEmail", "resident@example.org"),
                        201)
                .get("id")
                .asString();
        // the reminder-service learns of the booking from its event: the snapshot starts once it has
        await().atMost(Duration.ofSeconds(60))
                .until(() -> platform.send("GET", "/api/v1/bookings/" + bookingId + "/reminders", staff, null, Map.of())
                                .statusCode()
                        == 200);
        before = snapshot();
    }

    @AfterAll
    void stopThePlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    /** Everything a hostile request could have changed, as staff and the admin read it. */
    private Map<String, String> snapshot() throws Exception {
        Map<String, String> lists = new LinkedHashMap<>();
        lists.put("orgs", platform.call("GET", "/api/v1/orgs", admin, null, 200).toString());
        lists.put(
                "sites",
                platform.call("GET", "/api/v1/orgs/" + orgId + "/sites", staff, null, 200)
                        .toString());
        lists.put(
                "slots",
                platform.call(
                                "GET",
                                "/api/v1/sites/" + siteId
                                        + "/availability?from=2026-01-01T00:00:00Z&to=2030-01-01T00:00:00Z",
                                staff,
                                null,
                                200)
                        .toString());
        lists.put(
                "bookings",
                platform.call("GET", "/api/v1/sites/" + siteId + "/bookings", staff, null, 200)
                        .toString());
        lists.put(
                "booking",
                platform.call("GET", "/api/v1/bookings/" + bookingId, staff, null, 200)
                        .toString());
        lists.put(
                "settings",
                platform.call("GET", "/api/v1/reminders/settings", staff, null, 200)
                        .toString());
        lists.put("reminders", platform.reminders(staff, bookingId).toString());
        return lists;
    }

    private HttpResponse<String> send(Hostile hostile) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gateway() + hostile.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        String token = switch (hostile.caller()) {
            case NOBODY -> null;
            case ADMIN_WITHOUT_ORG -> admin;
            case STAFF -> staff;
        };
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (hostile.contentType() != null) {
            request.header("Content-Type", hostile.contentType());
        }
        hostile.headers().forEach(request::header);
        request.method(
                hostile.method(),
                hostile.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(hostile.body()));
        return platform.http().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private Request request(String label, BodyRoute route) {
        return new Request(
                label,
                route.method(),
                resolve(route.path()),
                route.caller(),
                platform.json().writeValueAsString(resolve(route.valid())));
    }

    private Hostile json(String label, BodyRoute route, byte[] body) {
        return new Hostile(
                label,
                route.method(),
                resolve(route.path()),
                route.caller(),
                "application/json",
                body,
                Map.of(),
                PERSONAL);
    }

    private Hostile get(String label, String path) {
        return new Hostile(label, "GET", path, Caller.STAFF, null, null, Map.of(), List.of());
    }

    private byte[] with(BodyRoute route, String field, Object value) {
        Map<String, Object> body = new LinkedHashMap<>(resolve(route.valid()));
        body.put(field, value);
        return utf8(platform.json().writeValueAsString(body));
    }

    /** Puts raw JSON text in place of the field's value. */
    private byte[] withRaw(BodyRoute route, String field, String raw) {
        String text = new String(with(route, field, "__raw__"), StandardCharsets.UTF_8);
        return utf8(text.replace("\"__raw__\"", raw));
    }

    private Map<String, Object> resolve(Map<String, Object> valid) {
        Map<String, Object> out = new LinkedHashMap<>();
        valid.forEach((key, value) -> out.put(key, value instanceof String s ? resolve(s) : value));
        return out;
    }

    private String resolve(String text) {
        return text.replace("${org}", orgId)
                .replace("${site}", siteId)
                .replace("${slot}", slotId)
                .replace("${otherSlot}", otherSlotId)
                .replace("${booking}", bookingId);
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 40) + "…(" + text.length() + " chars)";
    }
}
