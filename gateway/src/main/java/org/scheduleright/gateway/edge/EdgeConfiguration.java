package org.scheduleright.gateway.edge;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.List;
import org.scheduleright.platform.error.ErrorResponses;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.micrometer.tracing.autoconfigure.TracingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The hardened edge: trusted proxies, security headers, CORS for exact origins, HTTPS enforcement, and what a client's
 * trace context may decide.
 */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    @Bean
    TrustedProxies trustedProxies(EdgeProperties properties) {
        return new TrustedProxies(properties.trustedProxies());
    }

    @Bean
    CanonicalPaths canonicalPaths(ErrorResponses errors) {
        return new CanonicalPaths(errors);
    }

    @Bean
    SecurityHeaders securityHeaders(EdgeProperties properties) {
        return new SecurityHeaders(properties.hsts());
    }

    @Bean
    @ConditionalOnProperty(name = "scheduleright.edge.require-https", havingValue = "true")
    HttpsRedirect httpsRedirect(TrustedProxies trustedProxies) {
        return new HttpsRedirect(trustedProxies);
    }

    /**
     * Replaces Boot's parent-based sampler: a client's {@code traceparent} is continued (its trace id is kept, so a
     * caller can correlate), but its sampled flag is not obeyed, so a client cannot switch tracing off for its requests
     * nor force it on beyond the configured probability.
     */
    @Bean
    Sampler otelSampler(TracingProperties tracing) {
        Sampler byTraceId = Sampler.traceIdRatioBased(tracing.getSampling().getProbability());
        return Sampler.parentBasedBuilder(byTraceId)
                .setRemoteParentSampled(byTraceId)
                .setRemoteParentNotSampled(byTraceId)
                .build();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 2)
    CorsWebFilter corsWebFilter(EdgeProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsOrigins().stream()
                .map(String::trim)
                .filter(origin -> !origin.isEmpty() && !origin.equals("*"))
                .toList());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "X-Requested-With"));
        cors.setExposedHeaders(List.of(
                "X-RateLimit-Limit",
                "X-RateLimit-Remaining",
                "X-RateLimit-Reset",
                "RateLimit-Policy",
                "RateLimit",
                "Retry-After",
                "Location"));
        cors.setAllowCredentials(true);
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return new CorsWebFilter(source);
    }
}
