package org.scheduleright.booking.booking.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.scheduleright.booking.booking.BookingService;
import org.scheduleright.booking.booking.domain.Booking;
import org.scheduleright.booking.booking.domain.ClientDetails;
import org.scheduleright.booking.site.SiteDirectory;
import org.scheduleright.events.booking.BookingSource;
import org.scheduleright.platform.error.ErrorCode;
import org.scheduleright.platform.openapi.ErrorAnswers;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Public booking without a token: a member of the public books a seat and gets back only the booking's reference,
 * status and time, idempotently like the staff route.
 */
@RestController
class PublicBookingController {

    private final SiteDirectory sites;
    private final BookingService bookingService;

    PublicBookingController(SiteDirectory sites, BookingService bookingService) {
        this.sites = sites;
        this.bookingService = bookingService;
    }

    record PublicBookingRequest(
            @NotBlank String siteId,
            @NotBlank String slotId,
            @NotBlank @Size(min = 2, max = 100) String clientName,
            @Email @Size(max = 254) String clientEmail,

            @Pattern(regexp = ClientDetails.E164, message = "must be in E.164 form such as +447700900123")
            String clientPhone,

            @Size(max = 500) String notes) {}

    record PublicBookingView(
            String id,
            String siteId,
            String slotId,
            String status,
            Instant startTime,
            Instant endTime,
            String timezone,
            Instant createdAt) {

        static PublicBookingView of(Booking booking) {
            return new PublicBookingView(
                    booking.id().toString(),
                    booking.siteId().toString(),
                    booking.slotId().toString(),
                    booking.status().wireName(),
                    booking.times().start(),
                    booking.times().end(),
                    booking.timezone().getId(),
                    booking.createdAt());
        }
    }

    @Operation(
            summary = "Book a slot as a member of the public (no token; Idempotency-Key replays)",
            responses =
                    @ApiResponse(
                            responseCode = "201",
                            description =
                                    "Booked, status pending (200 when the same Idempotency-Key and body replay it)"))
    @ErrorAnswers({ErrorCode.SLOT_UNAVAILABLE, ErrorCode.DUPLICATE_RESOURCE})
    @PostMapping("/api/public/bookings")
    Mono<ResponseEntity<PublicBookingView>> book(
            @RequestHeader(name = BookingController.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody PublicBookingRequest body) {
        var request = CreateBooking.request(
                body.slotId(),
                body.clientName(),
                body.clientEmail(),
                body.clientPhone(),
                body.notes(),
                BookingSource.PUBLIC,
                null);
        return sites.find(body.siteId())
                .flatMap(site -> bookingService.place(
                        site, request, BookingController.idempotencyKey(idempotencyKey, "public:" + site.id())))
                .map(placed -> ResponseEntity.status(placed.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                        .header(BookingController.REPLAYED, String.valueOf(placed.replayed()))
                        .body(PublicBookingView.of(placed.booking())));
    }
}
