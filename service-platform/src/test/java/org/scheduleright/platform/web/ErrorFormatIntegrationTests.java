package org.scheduleright.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every error path answers in the contract's format, and nothing internal leaks into it. */
@ExtendWith(OutputCaptureExtension.class)
class ErrorFormatIntegrationTests extends PlatformIntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Test
    void unknownRouteIsNotFoundInContractFormat() {
        Map<String, Object> body = error(client().get().uri("/no/such/route").exchange(), 404);
        assertThat(body).containsEntry("code", "RESOURCE_NOT_FOUND").containsEntry("statusCode", 404);
        assertThat(body).containsKeys("error", "timestamp", "traceId");
    }

    @Test
    void malformedJsonIsValidationError() {
        Map<String, Object> body = error(
                client().post()
                        .uri("/api/v1/probe")
                        .header("Authorization", "Bearer " + jwks.token("u1", "o1", "STAFF"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"name\": \"Ann\", \"email\": ")
                        .exchange(),
                400);
        assertThat(body).containsEntry("code", "VALIDATION_ERROR");
        assertThat(body.get("error").toString()).doesNotContain("Jackson", "tools.jackson", "Exception");
    }

    @Test
    void invalidFieldsAreListedWithoutTheirValues() {
        Map<String, Object> body = error(
                client().post()
                        .uri("/api/v1/probe")
                        .header("Authorization", "Bearer " + jwks.token("u1", "o1", "STAFF"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("name", "A", "email", "not-an-email"))
                        .exchange(),
                400);
        assertThat(body).containsEntry("code", "VALIDATION_ERROR");
        assertThat(body.get("details").toString()).contains("field=email", "field=name");
        assertThat(body.toString()).doesNotContain("not-an-email");
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() {
        Map<String, Object> body = error(
                client().post()
                        .uri("/api/v1/probe")
                        .header("Authorization", "Bearer " + jwks.token("u1", "o1", "STAFF"))
                        .contentType(MediaType.TEXT_PLAIN)
                        .bodyValue("name=Ann")
                        .exchange(),
                415);
        assertThat(body).containsEntry("code", "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void bodyOver64KibIsPayloadTooLarge() {
        String big = "{\"name\":\"" + "x".repeat(70 * 1024) + "\",\"email\":\"a@example.org\"}";
        Map<String, Object> body = error(
                client().post()
                        .uri("/api/v1/probe")
                        .header("Authorization", "Bearer " + jwks.token("u1", "o1", "STAFF"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(big)
                        .exchange(),
                413);
        assertThat(body).containsEntry("code", "PAYLOAD_TOO_LARGE");
    }

    @Test
    void wrongMethodIsMethodNotAllowed() {
        WebTestClient.ResponseSpec response =
                client().delete().uri("/api/public/probe").exchange();
        Map<String, Object> body = error(response, 405);
        assertThat(body).containsEntry("code", "METHOD_NOT_ALLOWED");
    }

    @Test
    void unexpectedFailureIsInternalErrorWithoutDetailsAndLogsItsTraceId(CapturedOutput output) {
        Map<String, Object> body = error(
                client().get()
                        .uri("/api/v1/probe/failure")
                        .header("Authorization", "Bearer " + jwks.token("u1", "o1", "STAFF"))
                        .exchange(),
                500);
        assertThat(body).containsEntry("code", "INTERNAL_ERROR").containsEntry("error", "An unexpected error occurred");
        assertThat(body.toString()).doesNotContain("IllegalStateException", "mysql", "hunter2", "at org.");
        String traceId = (String) body.get("traceId");
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(output.getOut().lines().filter(line -> line.contains("Unexpected failure handling")))
                .as("the failure is logged as JSON carrying the request's trace id")
                .anySatisfy(line -> assertThat(line).startsWith("{").contains(traceId));
        assertThat(output.getOut())
                .as("the exception's message is logged with its secret masked")
                .contains("exploded")
                .doesNotContain("hunter2");
    }

    @Test
    void missingTokenOnProtectedRouteIsInvalidToken() {
        Map<String, Object> body = error(client().get().uri("/api/v1/probe/me").exchange(), 401);
        assertThat(body).containsEntry("code", "INVALID_TOKEN");
    }

    @Test
    void verifiedTokenReachesTheHandlerAsTheCaller() {
        client().get()
                .uri("/api/v1/probe/me")
                .header("Authorization", "Bearer " + jwks.token("user-7", "org-3", "VOLUNTEER"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.userId")
                .isEqualTo("user-7")
                .jsonPath("$.orgId")
                .isEqualTo("org-3")
                .jsonPath("$.roles[0]")
                .isEqualTo("VOLUNTEER");
    }

    private static Map<String, Object> error(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }
}
