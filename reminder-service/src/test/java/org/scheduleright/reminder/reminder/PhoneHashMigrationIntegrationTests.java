package org.scheduleright.reminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.booking.BookingCreated;
import org.scheduleright.reminder.ReminderIntegrationTest;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.scheduleright.reminder.reminder.persistence.OptOuts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Issue 14 item 11: the plain SHA-256 phone hashes stored before keyed hashes are rewritten under the active key —
 * bookings and reminders by the startup migration, opt-outs when their number is seen — and still honoured meanwhile.
 */
class PhoneHashMigrationIntegrationTests extends ReminderIntegrationTest {

    @Autowired
    PhoneHashMigration migration;

    @Autowired
    OptOuts optOuts;

    @Autowired
    DatabaseClient database;

    private static String plainSha256(String e164) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(e164.getBytes(StandardCharsets.UTF_8)));
    }

    private static String randomNumber() {
        return "+3361" + ThreadLocalRandom.current().nextInt(1000000, 9999999);
    }

    private String hashOf(String table, String key, UUID id) {
        return database.sql("SELECT phone_hash FROM " + table + " WHERE " + key + " = :id")
                .bind("id", id.toString())
                .map(row -> row.get("phone_hash", String.class))
                .one()
                .block();
    }

    private List<String> optOutRows(List<String> hashes) {
        return database.sql("SELECT phone_hash FROM opt_outs WHERE phone_hash IN (:hashes)")
                .bind("hashes", hashes)
                .map(row -> row.get("phone_hash", String.class))
                .all()
                .collectList()
                .block();
    }

    private void storeLegacyOptOut(String legacy) {
        database.sql("INSERT INTO opt_outs (phone_hash, created_at) VALUES (:hash, NOW(6))")
                .bind("hash", legacy)
                .then()
                .block();
    }

    @Test
    void rehashesLegacyBookingReminderAndOptOutRowsUnderTheActiveKey() throws Exception {
        String number = randomNumber();
        String legacy = plainSha256(number);
        BookingCreated created = created(Instant.now().plus(Duration.ofDays(2)), Instant.now(), number);
        UUID reminderId = scheduledReminder(created);
        database.sql("UPDATE bookings SET phone_hash = :hash WHERE booking_id = :id")
                .bind("hash", legacy)
                .bind("id", created.bookingId().toString())
                .then()
                .block();
        database.sql("UPDATE reminders SET phone_hash = :hash WHERE id = :id")
                .bind("hash", legacy)
                .bind("id", reminderId.toString())
                .then()
                .block();
        storeLegacyOptOut(legacy);
        String keyed = phoneHasher.hash(new PhoneNumber(number));

        Long changed = migration.migrate().block();

        assertThat(changed).isGreaterThanOrEqualTo(2);
        assertThat(hashOf("bookings", "booking_id", created.bookingId())).isEqualTo(keyed);
        assertThat(hashOf("reminders", "id", reminderId)).isEqualTo(keyed);
        assertThat(optOutRows(List.of(legacy, keyed))).containsExactly(keyed);
        assertThat(optOuts.isOptedOut(new PhoneNumber(number)).block()).isTrue();
        assertThat(keyed).startsWith(phoneHasher.activeKeyId() + ":").doesNotContain(legacy);
    }

    @Test
    void honoursALegacyOptOutOfANumberNeverSeenAndRewritesItUnderTheActiveKey() throws Exception {
        String number = randomNumber();
        String legacy = plainSha256(number);
        storeLegacyOptOut(legacy);

        assertThat(optOuts.isOptedOut(new PhoneNumber(number)).block()).isTrue();

        assertThat(optOutRows(List.of(legacy, phoneHasher.hash(new PhoneNumber(number)))))
                .containsExactly(phoneHasher.hash(new PhoneNumber(number)));
    }

    @Test
    void storesNewOptOutsOnlyUnderTheKeyedHash() throws Exception {
        String number = randomNumber();

        optOuts.optOut(new PhoneNumber(number), Instant.now()).block();

        assertThat(optOutRows(List.of(plainSha256(number), phoneHasher.hash(new PhoneNumber(number)))))
                .containsExactly(phoneHasher.hash(new PhoneNumber(number)));
    }
}
