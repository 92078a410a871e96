package org.scheduleright.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalPathsTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/health",
                "/api/v1/auth/login",
                "/api/public/sites/3f2c9a4e-0d1b-4c55-9a57-0a3b7d4f1e22/availability",
                "/.well-known/jwks.json",
                "/api/v1/orgs/caf%C3%A9",
                "/api/v1/orgs/a%20b",
                "/api/v1/orgs/a%25b"
            })
    void canonicalPaths(String path) {
        assertThat(CanonicalPaths.isCanonical(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "api/v1",
                "//api/v1/auth/login",
                "/api/v1//auth/login",
                "/api/v1/auth/login/",
                "/api/v1/auth;x/login",
                "/api/v1/auth/login;jsessionid=1",
                "/api/v1/%61uth/login",
                "/api/v1/auth%2Flogin",
                "/api/v1/auth%2flogin",
                "/api/v1/auth%5Clogin",
                "/api/v1/auth\\login",
                "/api/v1/./auth/login",
                "/api/v1/../auth/login",
                "/api/v1/%2e%2e/auth/login",
                "/api/v1/%2E/auth/login",
                "/api/v1/auth%3Bx/login",
                "/api/v1/auth%00/login",
                "/api/v1/auth%0a/login",
                "/api/v1/auth%zz/login",
                "/api/v1/auth%/login",
                "/api/v1/orgs/%FF"
            })
    void nonCanonicalPaths(String path) {
        assertThat(CanonicalPaths.isCanonical(path)).isFalse();
    }
}
