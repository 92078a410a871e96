package org.scheduleright.booking.slot.web;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.scheduleright.booking.paging.PageQuery;
import org.scheduleright.booking.paging.TimeRange;
import org.scheduleright.booking.site.SiteDirectory;
import org.scheduleright.booking.slot.Availability;
import org.scheduleright.booking.slot.persistence.SlotSearch;
import org.scheduleright.platform.error.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The public availability of a site: future slots with a seat left, showing only times and seats left. */
@RestController
class PublicAvailabilityController {

    private static final Duration MAX_RANGE = Duration.ofDays(92);

    private final SiteDirectory sites;
    private final Availability availability;
    private final Clock clock;

    PublicAvailabilityController(SiteDirectory sites, Availability availability, Clock clock) {
        this.sites = sites;
        this.availability = availability;
        this.clock = clock;
    }

    record PublicSlot(String id, Instant startTime, Instant endTime, int remaining) {}

    record PublicSlots(List<PublicSlot> data, long total, int page, int size) {}

    @Operation(summary = "A site's free slots, for public booking (no token)")
    @GetMapping("/api/public/sites/{siteId}/availability")
    Mono<PublicSlots> available(
            @PathVariable String siteId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        Instant now = clock.instant();
        TimeRange asked = TimeRange.of(from, to);
        Instant start = asked.from() == null ? now : asked.from();
        Instant end = asked.to() == null ? start.plus(Duration.ofDays(31)) : asked.to();
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw ApiException.validation("to", "must be at most 92 days after from");
        }
        TimeRange range = new TimeRange(start, end);
        PageQuery query = PageQuery.of(page, size);
        return sites.find(siteId)
                .flatMap(site -> availability.list(new SlotSearch(site.id(), range.from(), range.to(), 1, now), query))
                .map(found -> new PublicSlots(
                        found.data().stream()
                                .map(slot -> new PublicSlot(
                                        slot.id().toString(), slot.startTime(), slot.endTime(), slot.remaining()))
                                .toList(),
                        found.total(),
                        found.page(),
                        found.size()));
    }
}
