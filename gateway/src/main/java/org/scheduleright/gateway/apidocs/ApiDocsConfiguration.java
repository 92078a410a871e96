package org.scheduleright.gateway.apidocs;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scheduleright.gateway.ratelimit.RateLimitPolicies;
import org.scheduleright.gateway.routing.BackendRoutes;
import org.springdoc.webflux.api.OpenApiWebfluxResource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/** The merged API document at {@code /v3/api-docs} (Swagger UI at {@code /docs} is springdoc's, see gateway.yml). */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    @Bean
    ApiDocsController apiDocsController(
            OpenApiWebfluxResource gatewayDocs,
            RateLimitPolicies rateLimits,
            JsonMapper json,
            ObjectProvider<BuildProperties> build,
            @Value("${scheduleright.routing.booking-service-url}") URI booking,
            @Value("${scheduleright.routing.reminder-service-url}") URI reminder) {
        Map<String, URI> services = new LinkedHashMap<>();
        services.put(BackendRoutes.BOOKING_SERVICE, booking);
        services.put(BackendRoutes.REMINDER_SERVICE, reminder);
        BuildProperties info = build.getIfAvailable();
        return new ApiDocsController(
                gatewayDocs,
                services,
                new ApiDocumentMerger(BackendRoutes::serviceFor, rateLimits::policiesFor),
                WebClient.create(),
                json,
                info == null ? "development" : info.getVersion());
    }
}
