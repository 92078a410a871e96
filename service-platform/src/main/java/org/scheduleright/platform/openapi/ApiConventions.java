package org.scheduleright.platform.openapi;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.DateTimeSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.scheduleright.platform.error.ErrorCode;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Completes a service's generated OpenAPI document with what the annotations of each handler would only repeat: the
 * contract's error schema and the error answers every operation can give (401/403 where a token is needed, 404 where
 * the path names a resource, 400 where there is input, 500 and 503 everywhere), the bearer-token scheme on the
 * operations that need a token and {@code security: []} on the open ones (decided by the service's own
 * {@code BearerTokenFilter}), and the operational endpoints, which are functional routes.
 */
public final class ApiConventions implements OpenApiCustomizer {

    public static final String BEARER = "bearerAuth";
    public static final String ERROR_SCHEMA = "Error";
    private static final String ERROR_REF = "#/components/schemas/" + ERROR_SCHEMA;
    private static final String EXAMPLE_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final String service;
    private final String version;
    private final Predicate<String> requiresToken;

    public ApiConventions(String service, String version, Predicate<String> requiresToken) {
        this.service = service;
        this.version = version;
        this.requiresToken = requiresToken;
    }

    @Override
    public void customise(OpenAPI api) {
        api.info(new Info()
                .title("ScheduleRight " + service)
                .version(version)
                .description("Generated from the code of " + service + "; the contract is docs/CONTRACT.md."));
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.components(components);
        components.addSecuritySchemes(
                BEARER,
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("An access token from POST /api/v1/auth/login (ES256, verified against the"
                                + " gateway's JWKS)."));
        components.addSchemas(ERROR_SCHEMA, errorSchema());
        components.addSchemas("FieldProblem", fieldProblemSchema());
        if (api.getPaths() == null) {
            api.paths(new Paths());
        }
        addOperationalEndpoints(api.getPaths());
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    boolean needsToken = requiresToken.test(path);
                    operation.setSecurity(needsToken ? List.of(new SecurityRequirement().addList(BEARER)) : List.of());
                    addErrorResponses(path, method, operation, needsToken);
                }));
    }

    private void addErrorResponses(String path, PathItem.HttpMethod method, Operation operation, boolean needsToken) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.responses(responses);
        if (isOperational(path)) {
            return;
        }
        boolean hasInput = operation.getRequestBody() != null
                || (operation.getParameters() != null
                        && !operation.getParameters().isEmpty());
        if (hasInput) {
            addError(responses, ErrorCode.VALIDATION_ERROR, "The request is invalid; details name each field");
        }
        if (needsToken) {
            addError(responses, ErrorCode.INVALID_TOKEN, "The access token is missing, invalid or expired");
            addError(responses, ErrorCode.INSUFFICIENT_PERMISSIONS, "The caller's role or organisation may not");
        }
        if (path.contains("{")) {
            addError(responses, ErrorCode.RESOURCE_NOT_FOUND, "No such resource (or one of another organisation)");
        }
        if (operation.getRequestBody() != null) {
            addError(responses, ErrorCode.PAYLOAD_TOO_LARGE, "The request body is over 64 KiB");
            addError(responses, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request body is not JSON");
        }
        addError(responses, ErrorCode.INTERNAL_ERROR, "Unexpected failure; never a stack trace");
        addError(responses, ErrorCode.SERVICE_UNAVAILABLE, "A dependency is unavailable");
    }

    /** Adds the error answer for {@code code}'s status unless the handler documents that status itself. */
    private static void addError(ApiResponses responses, ErrorCode code, String description) {
        String status = String.valueOf(code.status().value());
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, errorResponse(description, code));
        }
    }

    /** An error answer in the contract's format, with an example for each code given. */
    public static ApiResponse errorResponse(String description, ErrorCode... codes) {
        MediaType json = new MediaType().schema(new Schema<>().$ref(ERROR_REF));
        for (ErrorCode code : codes) {
            json.addExamples(code.name(), new io.swagger.v3.oas.models.examples.Example().value(example(code)));
        }
        return new ApiResponse().description(description).content(new Content().addMediaType("application/json", json));
    }

    private static Map<String, Object> example(ErrorCode code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "error",
                switch (code) {
                    case VALIDATION_ERROR -> "Validation failed";
                    case INVALID_TOKEN -> "Access token is missing or invalid";
                    case INSUFFICIENT_PERMISSIONS -> "Insufficient permissions";
                    case RESOURCE_NOT_FOUND -> "Resource not found";
                    case RATE_LIMIT_EXCEEDED -> "Too many requests";
                    default -> code.status().getReasonPhrase();
                });
        body.put("code", code.name());
        body.put("statusCode", code.status().value());
        body.put("timestamp", "2026-01-15T10:30:00Z");
        body.put("traceId", EXAMPLE_TRACE);
        if (code == ErrorCode.VALIDATION_ERROR) {
            // ordered, not Map.of: its iteration order differs from one JVM to the next, and the gateway merges the
            // services' documents by comparing their schemas (a different order made each service's Error "another")
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("field", "clientEmail");
            problem.put("message", "must be a well-formed email address");
            body.put("details", List.of(problem));
        }
        return body;
    }

    private static Schema<?> errorSchema() {
        Schema<?> codeSchema = new StringSchema()
                .description("Machine-readable code")
                ._enum(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        return new ObjectSchema()
                .description("The error format of every service and every error (docs/CONTRACT.md)")
                .addProperty("error", new StringSchema().description("Human-readable message"))
                .addProperty("code", codeSchema)
                .addProperty("statusCode", new IntegerSchema().description("The HTTP status, repeated"))
                .addProperty("timestamp", new DateTimeSchema())
                .addProperty("traceId", new StringSchema().description("W3C trace id of the request"))
                .addProperty(
                        "details",
                        new ArraySchema()
                                .items(new Schema<>().$ref("#/components/schemas/FieldProblem"))
                                .description("One entry per invalid field (validation errors only)"))
                .required(List.of("error", "code", "statusCode", "timestamp"))
                // a JSON tree, not a Map: swagger-core would write a Map example of an object schema as its toString()
                .example(Json.mapper().valueToTree(example(ErrorCode.VALIDATION_ERROR)));
    }

    private static Schema<?> fieldProblemSchema() {
        return new ObjectSchema()
                .addProperty("field", new StringSchema())
                .addProperty("message", new StringSchema().description("What is wrong; never the rejected value"))
                .required(List.of("field", "message"));
    }

    static boolean isOperational(String path) {
        return List.of("/health", "/readiness", "/status", "/metrics").contains(path);
    }

    private static void addOperationalEndpoints(Paths paths) {
        ObjectSchema status = new ObjectSchema();
        status.addProperty("status", new StringSchema()._enum(List.of("UP", "DOWN")));
        paths.addPathItem(
                "/health", probe("health", "Liveness: the process is up (no dependency checks)", "Up", status));
        ObjectSchema readiness = new ObjectSchema();
        readiness.addProperty("status", new StringSchema()._enum(List.of("UP", "DOWN")));
        readiness.addProperty("checks", new ObjectSchema().additionalProperties(new StringSchema()));
        PathItem ready = probe(
                "readiness", "Readiness: every dependency (database, Redis, Kafka) is usable", "Ready", readiness);
        ready.getGet()
                .getResponses()
                .addApiResponse(
                        "503",
                        new ApiResponse()
                                .description("Not ready: the error format plus status, checks and failing")
                                .content(new Content()
                                        .addMediaType(
                                                "application/json",
                                                new MediaType().schema(new Schema<>().$ref(ERROR_REF)))));
        paths.addPathItem("/readiness", ready);
        paths.addPathItem(
                "/status",
                probe(
                        "status",
                        "Version, uptime and dependency states (no secrets, hosts or stack traces)",
                        "Status",
                        new ObjectSchema()));
        Operation metrics = new Operation()
                .operationId("metrics")
                .tags(List.of("operations"))
                .summary("Prometheus metrics (text exposition format)")
                .responses(new ApiResponses()
                        .addApiResponse(
                                "200",
                                new ApiResponse()
                                        .description("Metrics")
                                        .content(new Content()
                                                .addMediaType(
                                                        "text/plain", new MediaType().schema(new StringSchema())))));
        paths.addPathItem("/metrics", new PathItem().get(metrics));
    }

    private static PathItem probe(String operationId, String summary, String description, Schema<?> schema) {
        Operation get = new Operation()
                .operationId(operationId)
                .tags(List.of("operations"))
                .summary(summary)
                .responses(new ApiResponses()
                        .addApiResponse(
                                "200",
                                new ApiResponse()
                                        .description(description)
                                        .content(new Content()
                                                .addMediaType("application/json", new MediaType().schema(schema)))));
        return new PathItem().get(get);
    }
}
