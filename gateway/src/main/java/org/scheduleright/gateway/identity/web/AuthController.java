package org.scheduleright.gateway.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.Map;
import org.scheduleright.gateway.identity.Accounts;
import org.scheduleright.gateway.identity.Authentication;
import org.scheduleright.gateway.identity.IdentityProperties;
import org.scheduleright.gateway.identity.UserAccount;
import org.scheduleright.gateway.token.AccessTokens;
import org.scheduleright.gateway.token.AccessTokens.IssuedAccessToken;
import org.scheduleright.gateway.token.JwtProperties;
import org.scheduleright.gateway.token.RefreshTokens;
import org.scheduleright.platform.auth.PasswordPolicy;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import org.scheduleright.platform.openapi.ErrorAnswers;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Login, refresh-token rotation and logout; the refresh token travels in the body and an HttpOnly cookie. */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    static final String COOKIE = "refreshToken";
    static final String COOKIE_PATH = "/api/v1/auth";

    private final Authentication authentication;
    private final Accounts accounts;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final IdentityProperties identity;
    private final JwtProperties jwt;

    AuthController(
            Authentication authentication,
            Accounts accounts,
            AccessTokens accessTokens,
            RefreshTokens refreshTokens,
            IdentityProperties identity,
            JwtProperties jwt) {
        this.authentication = authentication;
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.identity = identity;
        this.jwt = jwt;
    }

    record LoginRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = PasswordPolicy.MAX_LENGTH) String password) {}

    record RefreshRequest(@Size(max = 128) String refreshToken) {}

    record SessionResponse(UserView user, String accessToken, String tokenType, long expiresIn, String refreshToken) {}

    @Operation(summary = "Log in: an access token, a refresh token and its cookie")
    @ErrorAnswers({ErrorCode.INVALID_CREDENTIALS, ErrorCode.ACCOUNT_LOCKED, ErrorCode.SERVICE_UNAVAILABLE})
    @PostMapping("/login")
    Mono<ResponseEntity<SessionResponse>> login(@Valid @RequestBody LoginRequest request) {
        return authentication
                .login(request.email(), request.password())
                .flatMap(user -> refreshTokens.startFamily(user.id()).map(refresh -> session(user, refresh)));
    }

    @Operation(summary = "Rotate the refresh token (body or cookie) for a new access token")
    @ErrorAnswers({ErrorCode.INVALID_TOKEN})
    @PostMapping("/refresh")
    Mono<ResponseEntity<SessionResponse>> refresh(
            @Valid @RequestBody(required = false) RefreshRequest request, ServerWebExchange exchange) {
        return refreshTokens
                .rotate(presented(request, exchange))
                .flatMap(rotation -> accounts.find(rotation.userId())
                        .onErrorMap(
                                e -> new ApiException(ErrorCode.INVALID_TOKEN, "Refresh token is invalid or expired"))
                        .map(user -> session(user, rotation.refreshToken())));
    }

    @Operation(summary = "Revoke the refresh token family and clear the cookie")
    @PostMapping("/logout")
    Mono<ResponseEntity<Map<String, String>>> logout(
            @Valid @RequestBody(required = false) RefreshRequest request, ServerWebExchange exchange) {
        return refreshTokens
                .revokeFamilyOf(presented(request, exchange))
                .thenReturn(ResponseEntity.ok()
                        .header(
                                HttpHeaders.SET_COOKIE,
                                cookie("", Duration.ZERO).toString())
                        .body(Map.of("message", "Logged out successfully")));
    }

    private ResponseEntity<SessionResponse> session(UserAccount user, String refreshToken) {
        IssuedAccessToken access = accessTokens.issue(user.id(), user.orgId(), user.roles());
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.SET_COOKIE,
                        cookie(refreshToken, jwt.refreshExpiry()).toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new SessionResponse(
                        UserView.of(user), access.token(), "Bearer", access.expiresIn(), refreshToken));
    }

    private ResponseCookie cookie(String value, Duration maxAge) {
        return ResponseCookie.from(COOKIE, value)
                .httpOnly(true)
                .secure(identity.secureCookie())
                .sameSite("Strict")
                .path(COOKIE_PATH)
                .maxAge(maxAge)
                .build();
    }

    private static String presented(RefreshRequest request, ServerWebExchange exchange) {
        if (request != null
                && request.refreshToken() != null
                && !request.refreshToken().isBlank()) {
            return request.refreshToken();
        }
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        return cookie == null ? null : cookie.getValue();
    }
}
