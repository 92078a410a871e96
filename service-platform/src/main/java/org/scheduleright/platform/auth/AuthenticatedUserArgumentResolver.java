package org.scheduleright.platform.auth;

import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Hands the verified caller to controller methods that declare an {@link AuthenticatedUser} parameter. */
final class AuthenticatedUserArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return AuthenticatedUser.class.equals(parameter.getParameterType());
    }

    @Override
    public Mono<Object> resolveArgument(
            MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
        Object user = exchange.getAttribute(BearerTokenFilter.USER_ATTRIBUTE);
        if (user == null) {
            return Mono.error(new ApiException(ErrorCode.INVALID_TOKEN, "Access token is missing or invalid"));
        }
        return Mono.just(user);
    }
}
