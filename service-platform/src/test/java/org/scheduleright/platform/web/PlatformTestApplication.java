package org.scheduleright.platform.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.scheduleright.platform.auth.AuthenticatedUser;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A minimal service on the platform, to exercise what every service inherits from it. */
@SpringBootApplication
public class PlatformTestApplication {

    /** A request body with the kind of rules real services use. */
    record Signup(
            @NotBlank @Size(min = 2, max = 100) String name,
            @NotBlank @Email String email) {}

    @RestController
    static class ProbeController {

        @PostMapping(path = "/api/v1/probe", consumes = "application/json")
        Mono<Map<String, String>> accept(@Valid @RequestBody Signup signup) {
            return Mono.just(Map.of("name", signup.name()));
        }

        @GetMapping("/api/v1/probe/failure")
        Mono<String> fail() {
            return Mono.error(new IllegalStateException("jdbc:mysql://db.internal:3306 password=hunter2 exploded"));
        }

        @GetMapping("/api/v1/probe/me")
        Mono<AuthenticatedUser> me(AuthenticatedUser user) {
            return Mono.just(user);
        }

        @GetMapping("/api/public/probe")
        Mono<Map<String, String>> open() {
            return Mono.just(Map.of("status", "open"));
        }
    }
}
