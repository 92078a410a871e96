package org.scheduleright.platform.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** The contract's error body, shared by every service and every error path. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(
        String error, String code, int statusCode, Instant timestamp, String traceId, List<FieldProblem> details) {

    public static ApiError of(ErrorCode code, String message, String traceId, List<FieldProblem> details) {
        return new ApiError(message, code.name(), code.status().value(), Instant.now(), traceId, details);
    }
}
