package org.scheduleright.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How the gateway's document and the services' documents become the one document of the public API. */
class ApiDocumentMergerTests {

    private final JsonMapper json = JsonMapper.builder().build();

    private final ApiDocumentMerger merger = new ApiDocumentMerger(
            path -> path.startsWith("/api/v1/orgs")
                    ? Optional.of("booking-service")
                    : path.startsWith("/api/v1/reminders") ? Optional.of("reminder-service") : Optional.empty(),
            (method, path) -> path.equals("/health") ? List.of() : List.of("\"standard\";q=100;w=900"));

    @Test
    void eachServiceContributesOnlyThePathsTheGatewayRoutesToIt() {
        JsonNode merged = merge();
        assertThat(merged.get("paths").propertyNames())
                .containsExactlyInAnyOrder("/health", "/api/v1/auth/login", "/api/v1/orgs", "/api/v1/reminders/send");
        assertThat(merged.at("/paths/~1health/get/summary").asString())
                .as("the gateway's own probe, not a service's")
                .isEqualTo("gateway health");
        assertThat(merged.at("/info/title").asString()).isEqualTo("ScheduleRight API");
        assertThat(merged.at("/info/version").asString()).isEqualTo("1.2.3");
        assertThat(merged.at("/openapi").asString()).isEqualTo("3.1.0");
        assertThat(merged.at("/servers/0/url").asString()).isEqualTo("/");
        assertThat(merged.get("tags").toString()).contains("auth", "orgs", "reminders");
    }

    @Test
    void equalSchemasAreKeptOnceAndClashingOnesAreRenamedWithTheirReferences() {
        JsonNode merged = merge();
        JsonNode schemas = merged.at("/components/schemas");
        assertThat(schemas.propertyNames()).containsExactlyInAnyOrder("Error", "View", "reminder-service.View");
        assertThat(merged.at("/paths/~1api~1v1~1orgs/get/responses/200/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/View");
        assertThat(merged.at(
                                "/paths/~1api~1v1~1reminders~1send/post/responses/202/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/reminder-service.View");
    }

    @Test
    void rateLimitedOperationsGetTheHeadersAndA429AndExemptOnesDoNot() {
        JsonNode merged = merge();
        JsonNode login = merged.at("/paths/~1api~1v1~1auth~1login/post");
        for (String header : ApiDocumentMerger.RATE_LIMIT_HEADERS) {
            assertThat(login.at("/responses/200/headers/" + header + "/$ref").asString())
                    .isEqualTo("#/components/headers/" + header);
        }
        assertThat(login.at("/responses/429/headers/Retry-After/$ref").asString())
                .isEqualTo("#/components/headers/Retry-After");
        assertThat(login.at("/responses/429/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/Error");
        assertThat(login.get("description").asString()).contains("\"standard\";q=100;w=900");
        assertThat(merged.at("/paths/~1health/get/responses/429").isMissingNode())
                .isTrue();
        assertThat(merged.at("/paths/~1health/get/responses/200/headers").isMissingNode())
                .isTrue();
        assertThat(merged.at("/components/headers/Retry-After/schema/type").asString())
                .isEqualTo("integer");
    }

    private JsonNode merge() {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        services.put("booking-service", read("""
                {"openapi":"3.1.0","tags":[{"name":"orgs"}],
                 "paths":{"/health":{"get":{"summary":"booking health","responses":{"200":{"description":"up"}}}},
                          "/api/v1/orgs":{"get":{"responses":{"200":{"description":"orgs","content":{"application/json":
                            {"schema":{"$ref":"#/components/schemas/View"}}}}}}},
                          "/api/v1/reminders/send":{"post":{"summary":"not booking's","responses":{}}}},
                 "components":{"schemas":{"Error":{"type":"object"},"View":{"type":"object","title":"org"}}}}
                """));
        services.put("reminder-service", read("""
                {"openapi":"3.1.0","tags":[{"name":"reminders"}],
                 "paths":{"/api/v1/reminders/send":{"post":{"responses":{"202":{"description":"queued","content":
                            {"application/json":{"schema":{"$ref":"#/components/schemas/View"}}}}}}}},
                 "components":{"schemas":{"Error":{"type":"object"},"View":{"type":"object","title":"reminder"}}}}
                """));
        JsonNode gateway = read("""
                {"openapi":"3.1.0","info":{"title":"ScheduleRight gateway","version":"x"},"tags":[{"name":"auth"}],
                 "paths":{"/health":{"get":{"summary":"gateway health","responses":{"200":{"description":"up"}}}},
                          "/api/v1/auth/login":{"post":{"responses":{"200":{"description":"tokens"}}}}},
                 "components":{"schemas":{"Error":{"type":"object"}}}}
                """);
        return merger.merge(gateway, services, "1.2.3");
    }

    private JsonNode read(String text) {
        return json.readTree(text);
    }
}
