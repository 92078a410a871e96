package org.scheduleright.platform.error;

import java.util.List;

/**
 * An error a service answers deliberately: a contract code, a message safe to show to the caller and, for validation
 * errors, the fields at fault.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldProblem> details;

    public ApiException(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    public ApiException(ErrorCode code, String message, List<FieldProblem> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = List.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldProblem> details() {
        return details;
    }

    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.RESOURCE_NOT_FOUND, what + " not found");
    }

    public static ApiException validation(String field, String message) {
        return new ApiException(
                ErrorCode.VALIDATION_ERROR, "Request validation failed", List.of(new FieldProblem(field, message)));
    }
}
