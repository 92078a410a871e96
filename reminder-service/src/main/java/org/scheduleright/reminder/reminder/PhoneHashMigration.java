package org.scheduleright.reminder.reminder;

import java.util.List;
import org.scheduleright.events.contact.Contact;
import org.scheduleright.events.contact.ContactCipher;
import org.scheduleright.events.contact.EncryptedContact;
import org.scheduleright.reminder.reminder.domain.PhoneHasher;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.scheduleright.reminder.reminder.persistence.OptOuts;
import org.scheduleright.reminder.reminder.persistence.PhoneHashRows;
import org.scheduleright.reminder.reminder.persistence.PhoneHashRows.Outdated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rehashes, once the service is ready, every stored phone hash not made with the active key (the plain SHA-256 of
 * before keyed hashes, or a retired key): bookings and reminders from their encrypted contact, and on the way the
 * opt-out of each number it reads. A row whose contact cannot be read loses its hash (it could not be texted either).
 * Opt-outs of numbers never seen again keep their old value until that number comes back (see {@link OptOuts}).
 * Several replicas may run it at once: each update is conditional on the old value.
 */
@Component
class PhoneHashMigration implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PhoneHashMigration.class);

    private static final int BATCH = 200;

    private final PhoneHashRows rows;

    private final OptOuts optOuts;

    private final ContactCipher cipher;

    private final PhoneHasher hasher;

    private volatile Disposable running;

    PhoneHashMigration(PhoneHashRows rows, OptOuts optOuts, ContactCipher cipher, PhoneHasher hasher) {
        this.rows = rows;
        this.optOuts = optOuts;
        this.cipher = cipher;
        this.hasher = hasher;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startWhenReady() {
        running = migrate()
                .subscribe(
                        count -> {
                            if (count > 0) {
                                log.info("Rehashed {} stored phone hash(es) under the active key", count);
                            }
                        },
                        error -> log.warn(
                                "Rehashing stored phone hashes stopped ({}); it resumes at the next start",
                                error.getClass().getSimpleName()));
    }

    /** Rehashes every outdated booking and reminder row; emits how many rows it changed. */
    Mono<Long> migrate() {
        return table(rows::bookings).concatWith(table(rows::reminders)).reduce(0L, Long::sum);
    }

    private Mono<Long> table(Batch batch) {
        return page(batch, "")
                .expand(done -> done.rows().size() < BATCH
                        ? Mono.empty()
                        : page(batch, done.rows().get(done.rows().size() - 1).id()))
                .map(done -> (long) done.rows().size())
                .reduce(0L, Long::sum);
    }

    /** A batch query: rows after an id not under the key. */
    private interface Batch {
        Mono<List<Outdated>> after(String keyId, String afterId, int limit);
    }

    private record Page(List<Outdated> rows) {}

    private Mono<Page> page(Batch batch, String afterId) {
        return batch.after(hasher.activeKeyId(), afterId, BATCH)
                .flatMap(found ->
                        Flux.fromIterable(found).concatMap(this::rehash).then(Mono.just(new Page(found))));
    }

    private Mono<Void> rehash(Outdated row) {
        PhoneNumber phone = numberOf(row.contactToken());
        if (phone == null) {
            return rows.replace(row, null);
        }
        return optOuts.isOptedOut(phone).then(rows.replace(row, hasher.hash(phone)));
    }

    private PhoneNumber numberOf(String token) {
        if (token == null) {
            return null;
        }
        try {
            Contact contact = cipher.decrypt(EncryptedContact.of(token));
            return PhoneNumber.isValid(contact.phone()) ? new PhoneNumber(contact.phone()) : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    @Override
    public void destroy() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
    }
}
