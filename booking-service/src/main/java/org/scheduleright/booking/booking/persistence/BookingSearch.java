package org.scheduleright.booking.booking.persistence;

import java.time.Instant;
import org.scheduleright.booking.site.domain.SiteId;
import org.scheduleright.events.booking.BookingStatus;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Which bookings to list: of a site or of a client user, optionally by status and start in [from, to). */
public record BookingSearch(SiteId site, String clientUserId, BookingStatus status, Instant from, Instant to) {

    public static BookingSearch ofSite(SiteId site, BookingStatus status, Instant from, Instant to) {
        return new BookingSearch(site, null, status, from, to);
    }

    public static BookingSearch ofClient(String userId) {
        return new BookingSearch(null, userId, null, null, null);
    }

    String where() {
        return (site != null ? "site_id = :site" : "client_user_id = :user")
                + (status == null ? "" : " AND status = :status")
                + (from == null ? "" : " AND start_time >= :from")
                + (to == null ? "" : " AND start_time < :to");
    }

    GenericExecuteSpec bind(GenericExecuteSpec spec) {
        GenericExecuteSpec bound = site != null ? spec.bind("site", site.toString()) : spec.bind("user", clientUserId);
        if (status != null) {
            bound = bound.bind("status", status.wireName());
        }
        if (from != null) {
            bound = bound.bind("from", Bookings.utc(from));
        }
        if (to != null) {
            bound = bound.bind("to", Bookings.utc(to));
        }
        return bound;
    }
}
