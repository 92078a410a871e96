package org.scheduleright.booking.slot.persistence;

import java.time.Instant;
import org.scheduleright.booking.site.domain.SiteId;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * Which open slots of a site to list: starting in [{@code from}, {@code to}) when given, with at least
 * {@code minRemaining} seats left, and starting after {@code startingAfter} when given.
 */
public record SlotSearch(SiteId site, Instant from, Instant to, int minRemaining, Instant startingAfter) {

    String where() {
        return "site_id = :site AND status = 'open'"
                + (from == null ? "" : " AND start_time >= :from")
                + (to == null ? "" : " AND start_time < :to")
                + (minRemaining > 0 ? " AND capacity - booked >= :minRemaining" : "")
                + (startingAfter == null ? "" : " AND start_time > :after");
    }

    GenericExecuteSpec bind(GenericExecuteSpec spec) {
        GenericExecuteSpec bound = spec.bind("site", site.toString());
        if (from != null) {
            bound = bound.bind("from", Slots.utc(from));
        }
        if (to != null) {
            bound = bound.bind("to", Slots.utc(to));
        }
        if (minRemaining > 0) {
            bound = bound.bind("minRemaining", minRemaining);
        }
        if (startingAfter != null) {
            bound = bound.bind("after", Slots.utc(startingAfter));
        }
        return bound;
    }
}
