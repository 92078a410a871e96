package org.scheduleright.booking.booking.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.function.Predicate;
import org.scheduleright.booking.booking.BookingService;
import org.scheduleright.booking.booking.IdempotencyKey;
import org.scheduleright.booking.booking.domain.Booking;
import org.scheduleright.booking.booking.domain.BookingId;
import org.scheduleright.booking.booking.persistence.BookingSearch;
import org.scheduleright.booking.booking.persistence.Bookings;
import org.scheduleright.booking.paging.Page;
import org.scheduleright.booking.paging.PageQuery;
import org.scheduleright.booking.paging.TimeRange;
import org.scheduleright.booking.site.SiteDirectory;
import org.scheduleright.booking.slot.domain.SlotId;
import org.scheduleright.events.booking.BookingSource;
import org.scheduleright.events.booking.BookingStatus;
import org.scheduleright.platform.auth.AuthenticatedUser;
import org.scheduleright.platform.auth.Role;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import org.scheduleright.platform.openapi.ErrorAnswers;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The bookings API for members: STAFF+ (or a CLIENT for themself) book, VOLUNTEER+ list a site's bookings, STAFF+
 * move bookings through their lifecycle and a client may cancel their own.
 */
@RestController
class BookingController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    static final String REPLAYED = "Idempotent-Replayed";

    private final SiteDirectory sites;
    private final BookingService bookingService;
    private final Bookings bookings;

    BookingController(SiteDirectory sites, BookingService bookingService, Bookings bookings) {
        this.sites = sites;
        this.bookingService = bookingService;
        this.bookings = bookings;
    }

    record Cancel(@Size(max = 500) String reason) {}

    record StaffNotes(@Size(max = 2000) String staffNotes) {}

    record Reschedule(@NotBlank String slotId) {}

    @Operation(
            summary = "Book a slot (STAFF+, or a CLIENT for themself); Idempotency-Key replays the same booking",
            responses =
                    @ApiResponse(
                            responseCode = "201",
                            description =
                                    "Booked, status pending (200 with Idempotent-Replayed: true when the same Idempotency-Key and body replay it)"))
    @ErrorAnswers({ErrorCode.SLOT_UNAVAILABLE, ErrorCode.DUPLICATE_RESOURCE})
    @PostMapping("/api/v1/sites/{siteId}/bookings")
    Mono<ResponseEntity<BookingView>> book(
            @PathVariable String siteId,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody CreateBooking body,
            AuthenticatedUser user) {
        boolean client = !user.hasAtLeast(Role.STAFF);
        if (client && !user.roles().contains(Role.CLIENT)) {
            user.requireAtLeast(Role.STAFF);
        }
        IdempotencyKey key = idempotencyKey(idempotencyKey, "user:" + user.userId());
        return sites.visibleTo(siteId, user)
                .flatMap(site -> bookingService.place(
                        site,
                        body.toRequest(
                                client ? BookingSource.CLIENT : BookingSource.STAFF, client ? user.userId() : null),
                        key))
                .map(placed -> ResponseEntity.status(placed.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                        .header(REPLAYED, String.valueOf(placed.replayed()))
                        .body(BookingView.of(placed.booking(), !client)));
    }

    @Operation(summary = "A site's bookings, filtered and paged (VOLUNTEER+)")
    @GetMapping("/api/v1/sites/{siteId}/bookings")
    Mono<Page<BookingView>> list(
            @PathVariable String siteId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            AuthenticatedUser user) {
        TimeRange range = TimeRange.of(from, to);
        PageQuery query = PageQuery.of(page, size);
        BookingStatus wanted = status(status);
        return sites.visibleTo(siteId, user).flatMap(site -> {
            user.requireAtLeast(Role.VOLUNTEER);
            return page(BookingSearch.ofSite(site.id(), wanted, range.from(), range.to()), query, true);
        });
    }

    @Operation(summary = "The caller's own bookings")
    @GetMapping("/api/v1/bookings/me")
    Mono<Page<BookingView>> mine(
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            AuthenticatedUser user) {
        return page(BookingSearch.ofClient(user.userId()), PageQuery.of(page, size), false);
    }

    @Operation(summary = "One booking")
    @GetMapping("/api/v1/bookings/{id}")
    Mono<BookingView> get(@PathVariable String id, AuthenticatedUser user) {
        return bookingService
                .find(bookingId(id), visibleTo(user))
                .map(booking -> BookingView.of(booking, user.hasAtLeast(Role.VOLUNTEER)));
    }

    @Operation(summary = "Confirm a pending booking (STAFF+)")
    @ErrorAnswers({ErrorCode.INVALID_STATE_TRANSITION})
    @PutMapping("/api/v1/bookings/{id}/confirm")
    Mono<BookingView> confirm(@PathVariable String id, AuthenticatedUser user) {
        return asStaff(id, user)
                .then(bookingService.confirm(bookingId(id), visibleTo(user), BookingSource.STAFF))
                .map(booking -> BookingView.of(booking, true));
    }

    @Operation(summary = "Cancel a booking (STAFF+, or its CLIENT)")
    @ErrorAnswers({ErrorCode.INVALID_STATE_TRANSITION})
    @PutMapping("/api/v1/bookings/{id}/cancel")
    Mono<BookingView> cancel(
            @PathVariable String id, @Valid @RequestBody(required = false) Cancel body, AuthenticatedUser user) {
        boolean staff = user.hasAtLeast(Role.STAFF);
        Mono<Void> allowed = staff || user.roles().contains(Role.CLIENT) ? Mono.empty() : asStaff(id, user);
        String reason = body == null || body.reason() == null || body.reason().isBlank() ? null : body.reason();
        return allowed.then(bookingService.cancel(
                        bookingId(id),
                        staff ? visibleTo(user) : ownedBy(user),
                        staff ? BookingSource.STAFF : BookingSource.CLIENT,
                        reason))
                .map(booking -> BookingView.of(booking, staff));
    }

    @Operation(summary = "Mark a confirmed booking completed (STAFF+)")
    @ErrorAnswers({ErrorCode.INVALID_STATE_TRANSITION})
    @PutMapping("/api/v1/bookings/{id}/complete")
    Mono<BookingView> complete(@PathVariable String id, AuthenticatedUser user) {
        return asStaff(id, user)
                .then(bookingService.complete(bookingId(id), visibleTo(user), BookingSource.STAFF))
                .map(booking -> BookingView.of(booking, true));
    }

    @Operation(summary = "Mark a confirmed booking as a no-show (STAFF+)")
    @ErrorAnswers({ErrorCode.INVALID_STATE_TRANSITION})
    @PutMapping("/api/v1/bookings/{id}/no-show")
    Mono<BookingView> noShow(@PathVariable String id, AuthenticatedUser user) {
        return asStaff(id, user)
                .then(bookingService.markNoShow(bookingId(id), visibleTo(user), BookingSource.STAFF))
                .map(booking -> BookingView.of(booking, true));
    }

    @Operation(summary = "Write the staff's notes on a booking (STAFF+)")
    @PutMapping("/api/v1/bookings/{id}/notes")
    Mono<BookingView> notes(@PathVariable String id, @Valid @RequestBody StaffNotes body, AuthenticatedUser user) {
        return asStaff(id, user)
                .then(bookingService.writeStaffNotes(bookingId(id), visibleTo(user), body.staffNotes()))
                .map(booking -> BookingView.of(booking, true));
    }

    @Operation(summary = "Move a confirmed booking to another slot, atomically (STAFF+)")
    @ErrorAnswers({ErrorCode.SLOT_UNAVAILABLE, ErrorCode.INVALID_STATE_TRANSITION})
    @PutMapping("/api/v1/bookings/{id}/reschedule")
    Mono<BookingView> reschedule(@PathVariable String id, @Valid @RequestBody Reschedule body, AuthenticatedUser user) {
        SlotId slot = SlotId.parseOrNull(body.slotId());
        if (slot == null) {
            throw ApiException.validation("slotId", "must be a UUID");
        }
        return asStaff(id, user)
                .then(bookingService.reschedule(bookingId(id), visibleTo(user), BookingSource.STAFF, slot))
                .map(booking -> BookingView.of(booking, true));
    }

    /** Completes when the caller is STAFF+; else 404 if they cannot see the booking and 403 if they can. */
    private Mono<Void> asStaff(String id, AuthenticatedUser user) {
        if (user.hasAtLeast(Role.STAFF)) {
            return Mono.empty();
        }
        return bookingService
                .find(bookingId(id), visibleTo(user))
                .then(Mono.fromRunnable(() -> user.requireAtLeast(Role.STAFF)));
    }

    private Mono<Page<BookingView>> page(BookingSearch search, PageQuery query, boolean withStaffNotes) {
        return bookings.search(search, query.offset(), query.size())
                .map(booking -> BookingView.of(booking, withStaffNotes))
                .collectList()
                .zipWith(bookings.count(search))
                .map(found -> new Page<>(found.getT1(), found.getT2(), query.page(), query.size()));
    }

    /** Members of the booking's organisation from VOLUNTEER up, and the client who booked it, see a booking. */
    static Predicate<Booking> visibleTo(AuthenticatedUser user) {
        return booking -> user.belongsTo(booking.orgId().toString())
                && (user.hasAtLeast(Role.VOLUNTEER) || user.userId().equals(booking.clientUserId()));
    }

    private static Predicate<Booking> ownedBy(AuthenticatedUser user) {
        return booking ->
                user.belongsTo(booking.orgId().toString()) && user.userId().equals(booking.clientUserId());
    }

    static IdempotencyKey idempotencyKey(String header, String scope) {
        if (header == null) {
            return null;
        }
        try {
            return new IdempotencyKey(scope, header);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(IDEMPOTENCY_KEY, "must have 1 to 255 visible ASCII characters");
        }
    }

    private static BookingId bookingId(String id) {
        BookingId parsed = BookingId.parseOrNull(id);
        if (parsed == null) {
            throw ApiException.notFound("Booking");
        }
        return parsed;
    }

    private static BookingStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return BookingStatus.fromWireName(status.replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("status", "must be one of pending, confirmed, cancelled, completed, no_show");
        }
    }
}
