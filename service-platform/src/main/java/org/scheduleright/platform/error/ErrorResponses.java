package org.scheduleright.platform.error;

import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes the contract's error body straight to a response, for filters that answer before any handler runs. */
public final class ErrorResponses {

    private final JsonMapper jsonMapper;

    public ErrorResponses(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** Answers the exchange with the given error; the caller may set further headers first. */
    public Mono<Void> write(ServerWebExchange exchange, ErrorCode code, String message) {
        return write(exchange, code, message, List.of());
    }

    public Mono<Void> write(ServerWebExchange exchange, ErrorCode code, String message, List<FieldProblem> details) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        ApiError body = ApiError.of(code, message, TraceIds.of(exchange), details);
        response.setStatusCode(code.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().remove("Content-Length");
        DataBuffer buffer = response.bufferFactory().wrap(jsonMapper.writeValueAsBytes(body));
        return response.writeWith(Mono.just(buffer));
    }
}
