package org.scheduleright.platform.error;

import jakarta.validation.ConstraintViolationException;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;

/**
 * Turns every exception that escapes a handler or filter into the contract's error body, so that no path answers
 * with a stack trace, a class name or a framework default.
 */
@Order(-2)
public class ApiErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorWebExceptionHandler.class);

    private final ErrorResponses responses;

    public ApiErrorWebExceptionHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ApiException error = translate(failure);
        if (error.code() == ErrorCode.INTERNAL_ERROR) {
            log.error(
                    "Unexpected failure handling {} {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    failure);
        } else if (error.code() == ErrorCode.METHOD_NOT_ALLOWED && failure instanceof MethodNotAllowedException m) {
            exchange.getResponse().getHeaders().setAllow(m.getSupportedMethods());
        }
        return responses.write(exchange, error.code(), error.getMessage(), error.details());
    }

    static ApiException translate(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (hasCause(failure, DataBufferLimitException.class)) {
            return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is too large");
        }
        if (failure instanceof WebExchangeBindException bind) {
            return new ApiException(ErrorCode.VALIDATION_ERROR, "Request validation failed", fieldProblems(bind));
        }
        if (failure instanceof HandlerMethodValidationException validation) {
            List<FieldProblem> details = validation.getParameterValidationResults().stream()
                    .flatMap(result -> result.getResolvableErrors().stream()
                            .map(error -> new FieldProblem(
                                    result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                    .toList();
            return new ApiException(ErrorCode.VALIDATION_ERROR, "Request validation failed", details);
        }
        if (failure instanceof ConstraintViolationException violations) {
            List<FieldProblem> details = violations.getConstraintViolations().stream()
                    .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                    .sorted(Comparator.comparing(FieldProblem::field))
                    .toList();
            return new ApiException(ErrorCode.VALIDATION_ERROR, "Request validation failed", details);
        }
        if (failure instanceof UnsupportedMediaTypeStatusException) {
            return new ApiException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content type not supported; send application/json");
        }
        if (failure instanceof MethodNotAllowedException) {
            return new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed for this resource");
        }
        if (failure instanceof NotAcceptableStatusException) {
            return new ApiException(ErrorCode.NOT_ACCEPTABLE, "No acceptable representation; accept application/json");
        }
        if (failure instanceof MissingRequestValueException missing) {
            return ApiException.validation(missing.getName(), "is required");
        }
        if (failure instanceof ServerWebInputException input) {
            if (hasCause(input, DecodingException.class) || input.getMethodParameter() == null) {
                return new ApiException(ErrorCode.VALIDATION_ERROR, "Malformed request body");
            }
            String name = input.getMethodParameter().getParameterName();
            return ApiException.validation(name == null ? "request" : name, "has an invalid value");
        }
        if (failure instanceof ResponseStatusException status) {
            int code = status.getStatusCode().value();
            ErrorCode errorCode = ErrorCode.forStatus(code);
            if (code == 404) {
                return new ApiException(errorCode, "Resource not found");
            }
            if (errorCode != ErrorCode.INTERNAL_ERROR) {
                return new ApiException(
                        errorCode, status.getStatusCode().toString().replaceFirst("^\\d+ ", ""));
            }
        }
        return new ApiException(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred");
    }

    private static List<FieldProblem> fieldProblems(WebExchangeBindException bind) {
        List<FieldProblem> fields = bind.getFieldErrors().stream()
                .map(ApiErrorWebExceptionHandler::problem)
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        List<FieldProblem> global = bind.getGlobalErrors().stream()
                .map(error -> new FieldProblem(error.getObjectName(), error.getDefaultMessage()))
                .toList();
        return java.util.stream.Stream.concat(fields.stream(), global.stream()).toList();
    }

    private static FieldProblem problem(FieldError error) {
        return new FieldProblem(error.getField(), error.getDefaultMessage());
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
