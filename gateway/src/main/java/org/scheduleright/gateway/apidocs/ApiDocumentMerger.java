package org.scheduleright.gateway.apidocs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges the gateway's own OpenAPI document with those of the services behind it into the one document of the public
 * API: a service contributes exactly the paths the gateway routes to it, its schemas (renamed when another document
 * already holds a different schema of the same name) and tags; every operation the gateway rate-limits gets the
 * rate-limit headers on each of its answers and a 429 with {@code Retry-After}.
 */
final class ApiDocumentMerger {

    static final List<String> RATE_LIMIT_HEADERS =
            List.of("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "RateLimit-Policy", "RateLimit");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Function<String, Optional<String>> routing;
    private final BiFunction<String, String, List<String>> ratePolicies;

    /**
     * @param routing the service the gateway forwards a path to, if any
     * @param ratePolicies the {@code RateLimit-Policy} items of a method and path; empty when never limited
     */
    ApiDocumentMerger(
            Function<String, Optional<String>> routing, BiFunction<String, String, List<String>> ratePolicies) {
        this.routing = routing;
        this.ratePolicies = ratePolicies;
    }

    /** The merged document; {@code services} maps each service name to its own document. */
    ObjectNode merge(JsonNode gateway, Map<String, JsonNode> services, String version) {
        ObjectNode merged = (ObjectNode) gateway.deepCopy();
        merged.put("openapi", "3.1.0");
        ObjectNode info = merged.putObject("info");
        info.put("title", "ScheduleRight API");
        info.put("version", version);
        info.put(
                "description",
                "Every public route of ScheduleRight, through the gateway: the gateway's own routes (auth, users,"
                        + " signing keys) and those it forwards to booking-service and reminder-service, each generated"
                        + " from the service's code. Errors use the Error schema; operations marked with bearerAuth"
                        + " need an access token from POST /api/v1/auth/login, the others (security: []) are open."
                        + " Rate-limited answers carry X-RateLimit-* and the IETF RateLimit-Policy/RateLimit fields.");
        ArrayNode servers = merged.putArray("servers");
        servers.addObject().put("url", "/").put("description", "this gateway");
        ObjectNode paths = object(merged, "paths");
        ObjectNode components = object(merged, "components");
        Map<String, ObjectNode> tags = new LinkedHashMap<>();
        collectTags(merged, tags);
        Set<String> operationIds = new HashSet<>();
        paths.values().forEach(item -> operationIds(item, operationIds, null));
        services.forEach((service, document) -> {
            JsonNode own = renameClashingSchemas(service, document, object(components, "schemas"));
            own.path("paths").properties().forEach(path -> {
                if (routing.apply(path.getKey()).filter(service::equals).isPresent() && !paths.has(path.getKey())) {
                    JsonNode item = path.getValue().deepCopy();
                    operationIds(item, operationIds, service);
                    paths.set(path.getKey(), item);
                }
            });
            own.path("components").properties().forEach(section -> {
                ObjectNode target = object(components, section.getKey());
                section.getValue().properties().forEach(entry -> {
                    if (!target.has(entry.getKey())) {
                        target.set(entry.getKey(), entry.getValue().deepCopy());
                    }
                });
            });
            collectTags(own, tags);
        });
        ArrayNode tagList = merged.putArray("tags");
        tags.values().forEach(tagList::add);
        addRateLimits(paths, components);
        return merged;
    }

    /**
     * Records the operation ids of a path item; with a {@code service}, first renames each id another document already
     * uses to {@code <id>_<service>} (operation ids are unique across the whole document).
     */
    private static void operationIds(JsonNode item, Set<String> used, String service) {
        item.properties().forEach(entry -> {
            if (METHODS.contains(entry.getKey()) && entry.getValue() instanceof ObjectNode operation) {
                String id = operation.path("operationId").asString("");
                if (id.isEmpty()) {
                    return;
                }
                if (service != null && used.contains(id)) {
                    id = id + "_" + service.replace('-', '_');
                    operation.put("operationId", id);
                }
                used.add(id);
            }
        });
    }

    private static void collectTags(JsonNode document, Map<String, ObjectNode> tags) {
        document.path("tags").forEach(tag -> {
            if (tag.isObject()) {
                tags.putIfAbsent(tag.path("name").asString(), (ObjectNode) tag.deepCopy());
            }
        });
    }

    /**
     * A copy of {@code document} in which every schema that clashes with a different one of the same name already in
     * {@code existing} is named {@code <service>.<name>}, with every reference to it rewritten.
     */
    private static JsonNode renameClashingSchemas(String service, JsonNode document, ObjectNode existing) {
        Map<String, String> renames = new HashMap<>();
        document.path("components").path("schemas").properties().forEach(schema -> {
            JsonNode other = existing.get(schema.getKey());
            if (other != null && !other.equals(schema.getValue())) {
                renames.put(schema.getKey(), service + "." + schema.getKey());
            }
        });
        if (renames.isEmpty()) {
            return document;
        }
        JsonNode copy = document.deepCopy();
        ObjectNode schemas = (ObjectNode) copy.path("components").path("schemas");
        renames.forEach((from, to) -> schemas.set(to, schemas.remove(from)));
        rewriteRefs(copy, renames);
        return copy;
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            String prefix = "#/components/schemas/";
            if (ref != null && ref.isString() && ref.asString().startsWith(prefix)) {
                String name = ref.asString().substring(prefix.length());
                if (renames.containsKey(name)) {
                    object.put("$ref", prefix + renames.get(name));
                }
            }
            object.values().forEach(child -> rewriteRefs(child, renames));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, renames));
        }
    }

    private void addRateLimits(ObjectNode paths, ObjectNode components) {
        ObjectNode headers = object(components, "headers");
        header(headers, "X-RateLimit-Limit", "integer", "Requests allowed per window by the tightest limit");
        header(headers, "X-RateLimit-Remaining", "integer", "Requests left in the tightest limit's window");
        header(headers, "X-RateLimit-Reset", "integer", "Seconds until the tightest limit's window refills");
        header(
                headers,
                "RateLimit-Policy",
                "string",
                "IETF structured field (draft-ietf-httpapi-ratelimit-headers): every limit the request counts against,"
                        + " e.g. \"standard\";q=100;w=900");
        header(
                headers,
                "RateLimit",
                "string",
                "IETF structured field: the tightest limit, requests remaining and t in delay-seconds,"
                        + " e.g. \"standard\";r=99;t=900");
        header(headers, "Retry-After", "integer", "Delay-seconds before a retry may succeed (never earlier than t)");
        paths.properties().forEach(path -> {
            if (!(path.getValue() instanceof ObjectNode item)) {
                return;
            }
            item.properties().forEach(entry -> {
                if (!METHODS.contains(entry.getKey()) || !(entry.getValue() instanceof ObjectNode operation)) {
                    return;
                }
                List<String> policies = ratePolicies.apply(entry.getKey().toUpperCase(), path.getKey());
                if (policies.isEmpty()) {
                    return;
                }
                String limits = String.join(", ", policies);
                String description = operation.path("description").asString("");
                operation.put(
                        "description",
                        (description.isEmpty() ? "" : description + "\n\n") + "Rate limits (q requests per w seconds): "
                                + limits + ".");
                ObjectNode responses = object(operation, "responses");
                if (!responses.has("429")) {
                    ObjectNode refused = responses.putObject("429");
                    refused.put(
                            "description",
                            "A rate limit is exhausted (RATE_LIMIT_EXCEEDED, or ACCOUNT_LOCKED on login)");
                    refused.putObject("content")
                            .putObject("application/json")
                            .putObject("schema")
                            .put("$ref", "#/components/schemas/Error");
                }
                List<String> statuses = new ArrayList<>();
                responses.propertyNames().forEach(statuses::add);
                for (String status : statuses) {
                    if (!(responses.get(status) instanceof ObjectNode response) || response.has("$ref")) {
                        continue;
                    }
                    ObjectNode answerHeaders = object(response, "headers");
                    Set<String> names = new LinkedHashSet<>(RATE_LIMIT_HEADERS);
                    if (status.equals("429")) {
                        names.add("Retry-After");
                    }
                    names.forEach(name -> answerHeaders.putObject(name).put("$ref", "#/components/headers/" + name));
                }
            });
        });
    }

    private static void header(ObjectNode headers, String name, String type, String description) {
        ObjectNode header = headers.putObject(name);
        header.put("description", description);
        header.putObject("schema").put("type", type);
    }

    private static ObjectNode object(ObjectNode parent, String name) {
        JsonNode existing = parent.get(name);
        if (existing instanceof ObjectNode object) {
            return object;
        }
        return parent.putObject(name);
    }
}
