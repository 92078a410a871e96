package org.scheduleright.gateway.token.web;

import com.nimbusds.jose.jwk.JWKSet;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import java.util.Map;
import org.scheduleright.gateway.token.KeyRing;
import org.scheduleright.platform.auth.AuthenticatedUser;
import org.scheduleright.platform.auth.Role;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Publishes the key ring as a JWKS and lets an ADMIN rotate the signing key on demand. */
@RestController
class SigningKeyController {

    private final KeyRing keyRing;

    SigningKeyController(KeyRing keyRing) {
        this.keyRing = keyRing;
    }

    @Operation(summary = "The public keys that verify access tokens (current and still-valid previous ones)")
    @GetMapping("/.well-known/jwks.json")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .body(new JWKSet(keyRing.publicKeys()).toJSONObject(true));
    }

    @Operation(summary = "Rotate the signing key now (ADMIN)")
    @PostMapping("/api/v1/admin/signing-keys/rotate")
    Mono<Map<String, String>> rotate(AuthenticatedUser caller) {
        caller.requireAtLeast(Role.ADMIN);
        return keyRing.rotateNow().map(kid -> Map.of("kid", kid));
    }
}
