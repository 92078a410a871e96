package org.scheduleright.platform.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scheduleright.platform.error.ApiError;
import org.scheduleright.platform.error.ErrorCode;
import org.scheduleright.platform.error.TraceIds;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Serves {@code /health} (liveness, no dependency checks), {@code /readiness} (every dependency usable) and
 * {@code /status} (version, uptime, dependency states, nothing secret). {@code /metrics} is Actuator's Prometheus
 * endpoint mapped to that path.
 */
public final class OperationalEndpoints {

    private final String service;
    private final String version;
    private final Instant startedAt;
    private final DependencyChecks checks;

    public OperationalEndpoints(String service, String version, Instant startedAt, DependencyChecks checks) {
        this.service = service;
        this.version = version;
        this.startedAt = startedAt;
        this.checks = checks;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/health", this::health)
                .GET("/readiness", this::readiness)
                .GET("/status", this::status)
                .build();
    }

    private Mono<ServerResponse> health(ServerRequest request) {
        return json(HttpStatus.OK, Map.of("status", "UP"));
    }

    private Mono<ServerResponse> readiness(ServerRequest request) {
        return checks.probeAll().flatMap(statuses -> {
            List<String> failing = statuses.entrySet().stream()
                    .filter(entry -> entry.getValue() == DependencyStatus.DOWN)
                    .map(Map.Entry::getKey)
                    .toList();
            if (failing.isEmpty()) {
                return json(HttpStatus.OK, Map.of("status", "UP", "checks", statuses));
            }
            ApiError error = ApiError.of(
                    ErrorCode.SERVICE_UNAVAILABLE,
                    "Not ready: " + String.join(", ", failing) + " unavailable",
                    TraceIds.of(request.exchange()),
                    List.of());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "DOWN");
            body.put("checks", statuses);
            body.put("failing", failing);
            body.put("error", error.error());
            body.put("code", error.code());
            body.put("statusCode", error.statusCode());
            body.put("timestamp", error.timestamp());
            if (error.traceId() != null) {
                body.put("traceId", error.traceId());
            }
            return json(HttpStatus.SERVICE_UNAVAILABLE, body);
        });
    }

    private Mono<ServerResponse> status(ServerRequest request) {
        return checks.probeAll().flatMap(statuses -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("service", service);
            body.put("version", version);
            body.put("startedAt", startedAt);
            body.put("uptimeSeconds", Duration.between(startedAt, Instant.now()).toSeconds());
            body.put("dependencies", statuses);
            return json(HttpStatus.OK, body);
        });
    }

    private static Mono<ServerResponse> json(HttpStatus status, Object body) {
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .bodyValue(body);
    }
}
