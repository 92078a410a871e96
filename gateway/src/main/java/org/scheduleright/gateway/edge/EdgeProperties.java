package org.scheduleright.gateway.edge;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The edge: trusted proxies ({@code TRUSTED_PROXIES}), exact CORS origins ({@code CORS_ORIGIN}), and whether plain
 * HTTP is redirected to HTTPS and HSTS is sent (both on in {@code production}).
 */
@Validated
@ConfigurationProperties("scheduleright.edge")
public record EdgeProperties(
        @NotNull List<String> trustedProxies, @NotNull List<String> corsOrigins, boolean requireHttps, boolean hsts) {}
