package org.scheduleright.booking.slot.web;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.scheduleright.booking.paging.Page;
import org.scheduleright.booking.paging.PageQuery;
import org.scheduleright.booking.paging.TimeRange;
import org.scheduleright.booking.site.SiteDirectory;
import org.scheduleright.booking.slot.Availability;
import org.scheduleright.booking.slot.domain.Slot;
import org.scheduleright.booking.slot.domain.SlotId;
import org.scheduleright.booking.slot.persistence.SlotSearch;
import org.scheduleright.platform.auth.AuthenticatedUser;
import org.scheduleright.platform.auth.Role;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import org.scheduleright.platform.openapi.ErrorAnswers;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The availability API of a site: STAFF+ open and withdraw slots, members list them. */
@RestController
@RequestMapping("/api/v1/sites/{siteId}/availability")
class AvailabilityController {

    private final SiteDirectory sites;
    private final Availability availability;
    private final Clock clock;

    AvailabilityController(SiteDirectory sites, Availability availability, Clock clock) {
        this.sites = sites;
        this.availability = availability;
        this.clock = clock;
    }

    record Created(List<SlotView> data, long total) {}

    @Operation(summary = "Open one slot or a weekly rule of slots in the site's timezone (STAFF+)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Created> open(@PathVariable String siteId, @RequestBody AvailabilityRequest body, AuthenticatedUser user) {
        return sites.visibleTo(siteId, user)
                .flatMap(site -> {
                    user.requireAtLeast(Role.STAFF);
                    return availability.open(site, body.times(site.timezone()), body.capacity());
                })
                .map(slots -> {
                    List<SlotView> views = slots.stream().map(SlotView::of).toList();
                    return new Created(views, views.size());
                });
    }

    @Operation(summary = "A site's slots between from and to")
    @GetMapping
    Mono<Page<SlotView>> list(
            @PathVariable String siteId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer minRemaining,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            AuthenticatedUser user) {
        TimeRange range = TimeRange.of(from, to);
        PageQuery query = PageQuery.of(page, size);
        if (minRemaining != null && minRemaining < 0) {
            throw ApiException.validation("minRemaining", "must not be negative");
        }
        int remaining = minRemaining == null ? 0 : minRemaining;
        return sites.visibleTo(siteId, user)
                .flatMap(site ->
                        availability.list(new SlotSearch(site.id(), range.from(), range.to(), remaining, null), query))
                .map(AvailabilityController::views);
    }

    @Operation(summary = "A site's slots with seats left, in the future")
    @GetMapping("/available")
    Mono<Page<SlotView>> available(
            @PathVariable String siteId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            AuthenticatedUser user) {
        TimeRange range = TimeRange.of(from, to);
        PageQuery query = PageQuery.of(page, size);
        Instant now = clock.instant();
        return sites.visibleTo(siteId, user)
                .flatMap(site -> availability.list(new SlotSearch(site.id(), range.from(), range.to(), 1, now), query))
                .map(AvailabilityController::views);
    }

    @Operation(summary = "Delete a slot without active bookings (STAFF+)")
    @ErrorAnswers({ErrorCode.INVALID_STATE_TRANSITION})
    @DeleteMapping("/{slotId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> withdraw(@PathVariable String siteId, @PathVariable String slotId, AuthenticatedUser user) {
        return sites.visibleTo(siteId, user).flatMap(site -> {
            user.requireAtLeast(Role.STAFF);
            SlotId id = SlotId.parseOrNull(slotId);
            return id == null ? Mono.error(ApiException.notFound("Slot")) : availability.withdraw(site, id);
        });
    }

    private static Page<SlotView> views(Page<Slot> page) {
        return new Page<>(page.data().stream().map(SlotView::of).toList(), page.total(), page.page(), page.size());
    }

    record SlotView(
            String id,
            String siteId,
            String orgId,
            Instant startTime,
            Instant endTime,
            int capacity,
            int booked,
            int remaining,
            String status) {

        static SlotView of(Slot slot) {
            return new SlotView(
                    slot.id().toString(),
                    slot.siteId().toString(),
                    slot.orgId().toString(),
                    slot.startTime(),
                    slot.endTime(),
                    slot.capacity(),
                    slot.booked(),
                    slot.remaining(),
                    slot.remaining() == 0 ? "full" : slot.status().wireName());
        }
    }
}
