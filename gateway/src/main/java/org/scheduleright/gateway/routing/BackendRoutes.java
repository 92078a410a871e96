package org.scheduleright.gateway.routing;

import java.util.List;
import java.util.Optional;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which backend serves which public path: the routes of {@link RoutingConfiguration}, and the merged API document,
 * which takes from each backend's document only the paths the gateway sends to it.
 */
public final class BackendRoutes {

    public static final String BOOKING_SERVICE = "booking-service";
    public static final String REMINDER_SERVICE = "reminder-service";

    /** A booking's reminders belong to reminder-service (this route is matched before the booking routes). */
    static final String[] BOOKING_REMINDERS = {
        "/api/v1/bookings/{bookingId}/reminders", "/api/v1/bookings/{bookingId}/reminders/**"
    };

    static final String[] REMINDERS = {"/api/v1/reminders", "/api/v1/reminders/**", "/webhooks/twilio/**"};
    static final String[] BOOKINGS = {"/api/v1/orgs/**", "/api/v1/sites/**", "/api/v1/bookings/**"};
    static final String[] PUBLIC = {"/api/public/**"};

    private static final List<Route> ORDERED = List.of(
            new Route(REMINDER_SERVICE, BOOKING_REMINDERS),
            new Route(REMINDER_SERVICE, REMINDERS),
            new Route(BOOKING_SERVICE, BOOKINGS),
            new Route(BOOKING_SERVICE, PUBLIC));

    private BackendRoutes() {}

    /** The backend the gateway forwards {@code path} (a concrete path or a template) to, if any. */
    public static Optional<String> serviceFor(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return ORDERED.stream()
                .filter(route -> route.patterns().stream().anyMatch(pattern -> pattern.matches(container)))
                .map(Route::service)
                .findFirst();
    }

    private record Route(String service, List<PathPattern> patterns) {
        Route(String service, String[] paths) {
            this(
                    service,
                    List.of(paths).stream()
                            .map(PathPatternParser.defaultInstance::parse)
                            .toList());
        }
    }
}
