package org.scheduleright.gateway.identity.web;

import java.util.List;
import org.scheduleright.gateway.identity.RefusedForNow;
import org.scheduleright.platform.error.ApiError;
import org.scheduleright.platform.error.TraceIds;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/** Answers a locked account (429) or full password hashing (503) in the contract's format with {@code Retry-After}. */
@RestControllerAdvice(assignableTypes = {AuthController.class, UserController.class})
class RefusedForNowAnswer {

    @ExceptionHandler(RefusedForNow.class)
    ResponseEntity<ApiError> refused(RefusedForNow refusal, ServerWebExchange exchange) {
        return ResponseEntity.status(refusal.code().status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()))
                .body(ApiError.of(refusal.code(), refusal.getMessage(), TraceIds.of(exchange), List.of()));
    }
}
