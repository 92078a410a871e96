package org.scheduleright.gateway.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.scheduleright.gateway.identity.Accounts;
import org.scheduleright.platform.auth.AuthenticatedUser;
import org.scheduleright.platform.auth.PasswordPolicy;
import org.scheduleright.platform.auth.Role;
import org.scheduleright.platform.error.ErrorCode;
import org.scheduleright.platform.openapi.ErrorAnswers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The caller's own profile and user creation by ADMIN and STAFF. */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final Accounts accounts;

    UserController(Accounts accounts) {
        this.accounts = accounts;
    }

    record CreateUserRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(min = 2, max = 100) String name,

            @NotNull @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH)
            String password,

            @NotEmpty Set<@NotNull Role> roles,

            @Pattern(
                    regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
                    message = "must be a UUID")
            String orgId) {}

    @Operation(summary = "The caller")
    @GetMapping("/me")
    Mono<UserView> me(AuthenticatedUser caller) {
        return accounts.find(caller.userId()).map(UserView::of);
    }

    @Operation(
            summary = "Create a user (ADMIN: anyone; STAFF: VOLUNTEER/CLIENT of their organisation)",
            responses = @ApiResponse(responseCode = "201", description = "Created (Location names the new user)"))
    @ErrorAnswers({ErrorCode.DUPLICATE_RESOURCE, ErrorCode.SERVICE_UNAVAILABLE})
    @PostMapping
    Mono<ResponseEntity<UserView>> create(AuthenticatedUser caller, @Valid @RequestBody CreateUserRequest request) {
        return accounts.create(
                        caller,
                        request.email(),
                        request.name(),
                        request.password(),
                        request.roles(),
                        request.orgId() == null ? null : request.orgId().toLowerCase(Locale.ROOT))
                .map(user -> ResponseEntity.created(URI.create("/api/v1/users/" + user.id()))
                        .body(UserView.of(user)));
    }
}
