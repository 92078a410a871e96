package org.scheduleright.booking.slot;

import java.time.Clock;
import java.util.List;
import org.scheduleright.booking.booking.persistence.Bookings;
import org.scheduleright.booking.paging.Page;
import org.scheduleright.booking.paging.PageQuery;
import org.scheduleright.booking.site.domain.Site;
import org.scheduleright.booking.slot.domain.Slot;
import org.scheduleright.booking.slot.domain.SlotId;
import org.scheduleright.booking.slot.domain.SlotTimes;
import org.scheduleright.booking.slot.persistence.SlotSearch;
import org.scheduleright.booking.slot.persistence.Slots;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Opens slots at a site, lists them and withdraws those nobody holds a seat in. */
@Service
public class Availability {

    private final Slots slots;
    private final Bookings bookings;
    private final TransactionalOperator transactions;
    private final Clock clock;

    Availability(Slots slots, Bookings bookings, TransactionalOperator transactions, Clock clock) {
        this.slots = slots;
        this.bookings = bookings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Creates open slots at {@code site}, all or none. */
    public Mono<List<Slot>> open(Site site, List<SlotTimes> times, int capacity) {
        List<Slot> created = times.stream()
                .map(time -> Slot.open(site.orgId(), site.id(), time, capacity))
                .toList();
        return transactions.transactional(slots.addAll(created, clock.instant()));
    }

    /** A page of the site's open slots matching {@code search}. */
    public Mono<Page<Slot>> list(SlotSearch search, PageQuery page) {
        return slots.search(search, page.offset(), page.size())
                .collectList()
                .zipWith(slots.count(search))
                .map(found -> new Page<>(found.getT1(), found.getT2(), page.page(), page.size()));
    }

    /** Withdraws a slot of {@code site}: 404 if it is not one, 409 while a pending or confirmed booking holds it. */
    public Mono<Void> withdraw(Site site, SlotId id) {
        Mono<Void> work = slots.lock(id)
                .filter(slot -> slot.siteId().equals(site.id()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Slot")))
                .flatMap(slot -> bookings.countActiveIn(id))
                .flatMap(active -> active > 0
                        ? Mono.error(new ApiException(
                                ErrorCode.INVALID_STATE_TRANSITION,
                                "This slot has " + active + " active booking(s); cancel or move them first"))
                        : slots.delete(id).then());
        return transactions.transactional(work);
    }
}
