package org.scheduleright.gateway.apidocs;

import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.webflux.api.OpenApiWebfluxResource;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /v3/api-docs}: the one OpenAPI 3.1 document of the public API. The gateway's own part comes from
 * springdoc (served alone at {@code /v3/api-docs/gateway}); each service's from its own {@code /v3/api-docs}, fetched
 * at most every {@link #FRESH_FOR} and, while a service cannot answer, taken from the last copy it gave. Without any
 * copy of a service's document the answer is 503: a document silently missing half the API would mislead.
 */
@Hidden
@RestController
class ApiDocsController {

    static final String GATEWAY_DOCS_PATH = "/v3/api-docs/gateway";
    private static final Logger log = LoggerFactory.getLogger(ApiDocsController.class);
    private static final Duration FRESH_FOR = Duration.ofSeconds(30);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(20);

    private final OpenApiWebfluxResource gatewayDocs;
    private final Map<String, URI> services;
    private final ApiDocumentMerger merger;
    private final WebClient http;
    private final JsonMapper json;
    private final String version;
    private final Map<String, Copy> copies = new ConcurrentHashMap<>();

    ApiDocsController(
            OpenApiWebfluxResource gatewayDocs,
            Map<String, URI> services,
            ApiDocumentMerger merger,
            WebClient http,
            JsonMapper json,
            String version) {
        this.gatewayDocs = gatewayDocs;
        this.services = services;
        this.merger = merger;
        this.http = http;
        this.json = json;
        this.version = version;
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<String> merged(ServerHttpRequest request) throws Exception {
        Mono<JsonNode> own =
                gatewayDocs.openapiJson(request, GATEWAY_DOCS_PATH, Locale.ROOT).map(json::readTree);
        Mono<Map<String, JsonNode>> others = Flux.fromIterable(services.entrySet())
                .concatMap(service -> document(service.getKey(), service.getValue())
                        .map(document -> Map.entry(service.getKey(), document)))
                .collect(LinkedHashMap::new, (map, entry) -> map.put(entry.getKey(), entry.getValue()));
        return Mono.zip(own, others)
                .map(parts -> json.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(merger.merge(parts.getT1(), parts.getT2(), version)));
    }

    private Mono<JsonNode> document(String service, URI base) {
        Copy copy = copies.get(service);
        if (copy != null && copy.fetchedAt().plus(FRESH_FOR).isAfter(Instant.now())) {
            return Mono.just(copy.document());
        }
        return http.get()
                .uri(base.resolve("/v3/api-docs"))
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(FETCH_TIMEOUT)
                .map(json::readTree)
                .filter(document -> document.path("openapi").isString()
                        && document.path("paths").isObject())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("not an OpenAPI document")))
                .doOnNext(document -> copies.put(service, new Copy(document, Instant.now())))
                .onErrorResume(e -> {
                    log.warn("The API document of {} could not be fetched: {}", service, e.toString());
                    if (copy != null) {
                        return Mono.just(copy.document());
                    }
                    return Mono.error(new ApiException(
                            ErrorCode.SERVICE_UNAVAILABLE,
                            "The API document of " + service + " is unavailable; retry shortly"));
                });
    }

    private record Copy(JsonNode document, Instant fetchedAt) {}
}
