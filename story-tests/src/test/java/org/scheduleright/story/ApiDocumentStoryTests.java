package org.scheduleright.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16: the OpenAPI document integrators read, served by the gateway of the real platform at {@code /v3/api-docs}
 * without a token. It is valid OpenAPI 3.1 (swagger-parser), it documents exactly the routes of docs/CONTRACT.md (each
 * contract route is there and no other), and it carries the contract's error format, the bearer scheme with the open
 * routes marked {@code security: []}, the rate-limit headers and examples; Swagger UI answers at {@code /docs} with a
 * policy that lets it load its own assets only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocumentStoryTests {

    private static final Pattern ROUTE = Pattern.compile("^(GET|POST|PUT|DELETE|PATCH) (/[^\\s?`]*)");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");

    private Platform platform;
    private HttpResponse<String> answer;
    private JsonNode document;

    @BeforeAll
    void start() throws Exception {
        platform = Platform.start(Platform.Settings.named("apidocs"));
        // each service builds its document in the background after startup
        answer = await("the merged API document")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> platform.send("GET", "/v3/api-docs", null, null, Map.of()), a -> a.statusCode() == 200);
        Files.writeString(Path.of("target", "openapi.json"), answer.body());
        document = platform.json().readTree(answer.body());
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theDocumentIsValidOpenApi31() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(answer.body(), null, options);
        assertThat(result.getMessages()).as("validation messages").isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api).isNotNull();
        assertThat(api.getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(api.getOpenapi()).startsWith("3.1");
    }

    @Test
    void everyContractRouteIsDocumentedAndNoOtherRouteIs() throws Exception {
        Set<String> contract = contractRoutes(Files.readString(Path.of("..", "docs", "CONTRACT.md")));
        assertThat(contract).as("routes read from the contract").hasSizeGreaterThan(30);
        Set<String> documented = new TreeSet<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(operation ->
                                documented.add(operation.getKey().toUpperCase() + " " + normalise(path.getKey()))));
        assertThat(documented).as("documented routes").containsExactlyInAnyOrderElementsOf(contract);
    }

    @Test
    void protectedRoutesNeedTheBearerSchemeAndOpenOnesNone() {
        assertThat(document.at("/components/securitySchemes/bearerAuth/type").asString())
                .isEqualTo("http");
        assertThat(document.at("/components/securitySchemes/bearerAuth/scheme").asString())
                .isEqualTo("bearer");
        assertThat(document.at("/components/securitySchemes/bearerAuth/bearerFormat")
                        .asString())
                .isEqualTo("JWT");
        Map<String, Boolean> expected = Map.of(
                "POST /api/v1/auth/login", false,
                "GET /.well-known/jwks.json", false,
                "POST /api/public/bookings", false,
                "GET /api/public/sites/{siteId}/availability", false,
                "POST /webhooks/twilio/status", false,
                "GET /health", false,
                "GET /api/v1/users/me", true,
                "POST /api/v1/sites/{siteId}/bookings", true,
                "PUT /api/v1/reminders/settings", true,
                "GET /api/v1/bookings/{bookingId}/reminders", true);
        expected.forEach((route, needsToken) -> {
            JsonNode operation = operation(route);
            JsonNode security = operation.get("security");
            assertThat(security).as(route + " has security").isNotNull();
            if (needsToken) {
                assertThat(security.toString()).as(route).isEqualTo("[{\"bearerAuth\":[]}]");
                assertThat(operation
                                .at("/responses/401/content/application~1json/schema/$ref")
                                .asString())
                        .as(route + " 401")
                        .isEqualTo("#/components/schemas/Error");
            } else {
                assertThat(security.toString()).as(route).isEqualTo("[]");
            }
        });
    }

    @Test
    void errorsUseTheContractsFormatWithExamples() {
        JsonNode error = document.at("/components/schemas/Error");
        assertThat(error.get("required").toString()).contains("error", "code", "statusCode", "timestamp");
        assertThat(error.at("/properties/code/enum").toString())
                .contains("VALIDATION_ERROR", "SLOT_UNAVAILABLE", "RATE_LIMIT_EXCEEDED", "NOT_ACCEPTABLE");
        List<String> withoutErrorSchema = new ArrayList<>();
        forEachOperation((route, operation) -> operation
                .get("responses")
                .properties()
                .forEach(response -> {
                    int status = Integer.parseInt(response.getKey());
                    if (status >= 400 && !route.startsWith("GET /readiness")) {
                        String ref = response.getValue()
                                .at("/content/application~1json/schema/$ref")
                                .asString("");
                        if (!ref.equals("#/components/schemas/Error")) {
                            withoutErrorSchema.add(route + " " + status);
                        }
                    }
                }));
        assertThat(withoutErrorSchema)
                .as("error answers not in the error format")
                .isEmpty();
        JsonNode badRequest = operation("POST /api/public/bookings")
                .at("/responses/400/content/application~1json/examples/VALIDATION_ERROR/value");
        assertThat(badRequest.get("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(badRequest.get("statusCode").asInt()).isEqualTo(400);
        assertThat(operation("POST /api/v1/sites/{siteId}/bookings")
                        .at("/responses/409")
                        .isMissingNode())
                .as("a full slot is documented")
                .isFalse();
    }

    @Test
    void rateLimitedRoutesNameTheirHeadersAndTheProbesAreNotLimited() {
        for (String header : List.of(
                "X-RateLimit-Limit",
                "X-RateLimit-Remaining",
                "X-RateLimit-Reset",
                "RateLimit-Policy",
                "RateLimit",
                "Retry-After")) {
            assertThat(document.at("/components/headers/" + header).isObject())
                    .as(header)
                    .isTrue();
        }
        JsonNode publicBooking = operation("POST /api/public/bookings");
        assertThat(publicBooking
                        .at("/responses/201/headers/RateLimit-Policy/$ref")
                        .asString())
                .isEqualTo("#/components/headers/RateLimit-Policy");
        assertThat(publicBooking.at("/responses/429/headers/Retry-After/$ref").asString())
                .isEqualTo("#/components/headers/Retry-After");
        assertThat(publicBooking.get("description").asString()).contains("\"standard\";q=", "\"public\";q=1000");
        assertThat(operation("POST /api/v1/reminders/send").get("description").asString())
                .contains("\"reminder-send\";q=10;w=3600");
        assertThat(operation("GET /health").at("/responses/429").isMissingNode())
                .isTrue();
        // the document itself is served like any other route: open, but counted
        assertThat(answer.headers().firstValue("RateLimit-Policy")).isPresent();
        assertThat(answer.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void requestBodiesHaveSchemasAndExamples() {
        JsonNode login = operation("POST /api/v1/auth/login");
        assertThat(login.at("/requestBody/content/application~1json/schema").isMissingNode())
                .isFalse();
        int examples = 0;
        for (String text : List.of(answer.body())) {
            Matcher matcher = Pattern.compile("\"example\"|\"examples\"").matcher(text);
            while (matcher.find()) {
                examples++;
            }
        }
        assertThat(examples).as("examples in the document").isGreaterThan(20);
    }

    @Test
    void swaggerUiAnswersAtDocsWithItsOwnPolicy() throws Exception {
        HttpClient http = platform.http();
        HttpResponse<String> docs = http.send(
                HttpRequest.newBuilder(URI.create(platform.gateway() + "/docs"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isBetween(300, 399);
        String location = docs.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(platform.gateway()).resolve(location))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui-bundle.js");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy)
                .contains("script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        HttpResponse<String> initializer = http.send(
                HttpRequest.newBuilder(URI.create(platform.gateway() + "/swagger-ui/swagger-initializer.js"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(initializer.statusCode()).isEqualTo(200);
        HttpResponse<String> config = http.send(
                HttpRequest.newBuilder(URI.create(platform.gateway() + "/v3/api-docs/gateway/swagger-config"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(platform.json().readTree(config.body()).get("url").asString())
                .isEqualTo("/v3/api-docs");
    }

    /**
     * The routes named in the contract: every code span {@code METHOD /path} (query strings dropped), and the
     * {@code | `/cancel`} shorthand that names a sibling of the previous route on the same line.
     */
    static Set<String> contractRoutes(String contract) {
        Set<String> routes = new TreeSet<>();
        for (String line : contract.split("\n")) {
            String method = null;
            String previous = null;
            int lastEnd = 0;
            Matcher span = CODE_SPAN.matcher(line);
            while (span.find()) {
                String between = line.substring(lastEnd, span.start());
                lastEnd = span.end();
                Matcher route = ROUTE.matcher(span.group(1));
                if (route.find()) {
                    method = route.group(1);
                    previous = route.group(2);
                    routes.add(method + " " + normalise(previous));
                } else if (method != null
                        && between.trim().equals("|")
                        && span.group(1).matches("/[a-z-]+")) {
                    previous = previous.substring(0, previous.lastIndexOf('/')) + span.group(1);
                    routes.add(method + " " + normalise(previous));
                }
            }
        }
        return routes;
    }

    /** Path parameters compared by position, not by name ({@code {id}} and {@code {bookingId}} alike). */
    private static String normalise(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    private JsonNode operation(String route) {
        String method = route.substring(0, route.indexOf(' ')).toLowerCase();
        String path = route.substring(route.indexOf(' ') + 1);
        JsonNode operation = document.path("paths").path(path).path(method);
        assertThat(operation.isObject()).as(route + " is documented").isTrue();
        return operation;
    }

    private void forEachOperation(java.util.function.BiConsumer<String, JsonNode> action) {
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(operation -> action.accept(
                                operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue())));
    }
}
