package org.scheduleright.gateway.routing;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Where the gateway forwards: {@code BOOKING_SERVICE_URL} and {@code REMINDER_SERVICE_URL}. */
@Validated
@ConfigurationProperties("scheduleright.routing")
record RoutingProperties(
        @NotNull URI bookingServiceUrl, @NotNull URI reminderServiceUrl) {}
