package org.scheduleright.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scheduleright.gateway.GatewayIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API documentation as the gateway serves it (the stub backends give no OpenAPI document; the merged document of
 * the real services is {@code ApiDocumentStoryTests} in story-tests): open but rate-limited, the API's strict
 * Content-Security-Policy on documents and Swagger UI's own on its page.
 */
class ApiDocsIntegrationTests extends GatewayIntegrationTest {

    private static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

    @Test
    void theGatewaysOwnDocumentIsOpenRateLimitedAndMarksTokensPerRoute() {
        byte[] body = client.get()
                .uri("/v3/api-docs/gateway")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Content-Security-Policy", API_CSP)
                .expectHeader()
                .exists("RateLimit-Policy")
                .expectBody()
                .returnResult()
                .getResponseBody();
        JsonNode document = JsonMapper.builder().build().readTree(body);
        assertThat(document.get("openapi").asString()).startsWith("3.1");
        assertThat(document.at("/paths/~1api~1v1~1auth~1login/post/security").toString())
                .isEqualTo("[]");
        assertThat(document.at("/paths/~1api~1v1~1users~1me/get/security").toString())
                .isEqualTo("[{\"bearerAuth\":[]}]");
        assertThat(document.at("/paths/~1api~1v1~1auth~1login/post/responses/429/content/application~1json/examples")
                        .toString())
                .contains("ACCOUNT_LOCKED");
        assertThat(document.at("/paths/~1health/get").isObject()).isTrue();
        assertThat(document.at("/paths/~1v3~1api-docs").isMissingNode())
                .as("the documentation routes are not API routes")
                .isTrue();
    }

    @Test
    void withoutTheServicesDocumentsTheMergedOneIsUnavailableInTheErrorFormat() {
        client.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals("Content-Security-Policy", API_CSP)
                .expectBody(Map.class)
                .value(error -> assertThat(error)
                        .containsEntry("code", "SERVICE_UNAVAILABLE")
                        .containsEntry("statusCode", 503));
    }

    @Test
    void swaggerUiIsServedWithAPolicyForItsOwnAssetsOnly() {
        String location = client.get()
                .uri("/docs")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .returnResult(String.class)
                .getResponseHeaders()
                .getLocation()
                .toString();
        client.get()
                .uri(location)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Content-Security-Policy", SecurityHeadersForDocs.CSP)
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY")
                .expectHeader()
                .exists("RateLimit-Policy");
        client.get()
                .uri("/v3/api-docs/gateway/swagger-config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.url")
                .isEqualTo("/v3/api-docs");
    }

    /** The policy of Swagger UI's page, spelled out here so that a change to it is a deliberate one. */
    private static final class SecurityHeadersForDocs {
        static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }
}
