package org.scheduleright.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;
import org.scheduleright.platform.error.ErrorCode;

/** What every service's document gets from the platform, decided per path without any I/O. */
class ApiConventionsTests {

    private final ApiConventions conventions =
            new ApiConventions("booking-service", "1.0", path -> path.startsWith("/api/v1/"));

    @Test
    void protectedOperationsNeedTheBearerSchemeAndOpenOnesNone() {
        OpenAPI api = customised();
        assertThat(operation(api, "/api/v1/sites/{siteId}/bookings").getSecurity())
                .singleElement()
                .satisfies(requirement -> assertThat(requirement).containsKey(ApiConventions.BEARER));
        assertThat(operation(api, "/api/public/bookings").getSecurity()).isEmpty();
        assertThat(api.getComponents()
                        .getSecuritySchemes()
                        .get(ApiConventions.BEARER)
                        .getBearerFormat())
                .isEqualTo("JWT");
    }

    @Test
    void errorAnswersFollowWhatTheOperationTakesAndNeeds() {
        OpenAPI api = customised();
        ApiResponses staff = operation(api, "/api/v1/sites/{siteId}/bookings").getResponses();
        assertThat(staff).containsKeys("201", "400", "401", "403", "404", "409", "413", "415", "500", "503");
        assertThat(staff.get("409").getDescription())
                .as("the handler's own 409 is kept")
                .isEqualTo("full");
        ApiResponses open = operation(api, "/api/public/bookings").getResponses();
        assertThat(open).containsKeys("400", "413", "415", "500", "503").doesNotContainKeys("401", "403", "404");
        assertThat(open.get("400")
                        .getContent()
                        .get("application/json")
                        .getSchema()
                        .get$ref())
                .isEqualTo("#/components/schemas/" + ApiConventions.ERROR_SCHEMA);
        assertThat(open.get("400").getContent().get("application/json").getExamples())
                .containsKey(ErrorCode.VALIDATION_ERROR.name());
    }

    @Test
    void theErrorSchemaIsTheContractsAndTheProbesAreDocumented() {
        OpenAPI api = customised();
        var error = api.getComponents().getSchemas().get(ApiConventions.ERROR_SCHEMA);
        assertThat(error.getRequired()).containsExactlyInAnyOrder("error", "code", "statusCode", "timestamp");
        assertThat(error.getProperties())
                .containsKeys("error", "code", "statusCode", "timestamp", "traceId", "details");
        assertThat(api.getPaths()).containsKeys("/health", "/readiness", "/status", "/metrics");
        assertThat(api.getPaths().get("/health").getGet().getSecurity()).isEmpty();
        assertThat(api.getPaths().get("/health").getGet().getResponses()).containsOnlyKeys("200");
    }

    private OpenAPI customised() {
        Operation staff = new Operation()
                .requestBody(new RequestBody())
                .responses(new ApiResponses()
                        .addApiResponse("201", new ApiResponse().description("booked"))
                        .addApiResponse("409", new ApiResponse().description("full")));
        Operation open = new Operation()
                .requestBody(new RequestBody())
                .responses(new ApiResponses().addApiResponse("201", new ApiResponse()));
        OpenAPI api = new OpenAPI()
                .paths(new Paths()
                        .addPathItem("/api/v1/sites/{siteId}/bookings", new PathItem().post(staff))
                        .addPathItem("/api/public/bookings", new PathItem().post(open)));
        conventions.customise(api);
        return api;
    }

    private static Operation operation(OpenAPI api, String path) {
        return api.getPaths().get(path).getPost();
    }
}
