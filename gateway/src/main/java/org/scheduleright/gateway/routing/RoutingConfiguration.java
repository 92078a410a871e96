package org.scheduleright.gateway.routing;

import org.scheduleright.gateway.edge.TrustedProxies;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The public paths of the contract and the service behind each: a booking's reminders belong to reminder-service,
 * everything else about orgs, sites, bookings and public booking to booking-service.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    RouteLocator routes(RouteLocatorBuilder builder, RoutingProperties properties) {
        String booking = properties.bookingServiceUrl().toString();
        String reminder = properties.reminderServiceUrl().toString();
        return builder.routes()
                .route(
                        "booking-reminders",
                        r -> r.order(-1).path(BackendRoutes.BOOKING_REMINDERS).uri(reminder))
                .route("reminders", r -> r.path(BackendRoutes.REMINDERS).uri(reminder))
                .route("bookings", r -> r.path(BackendRoutes.BOOKINGS).uri(booking))
                .route("public", r -> r.path(BackendRoutes.PUBLIC).uri(booking))
                .build();
    }

    @Bean
    ForwardedHeaderSanitiser forwardedHeaderSanitiser(TrustedProxies trustedProxies) {
        return new ForwardedHeaderSanitiser(trustedProxies);
    }

    @Bean
    BackendFailures backendFailures() {
        return new BackendFailures();
    }
}
