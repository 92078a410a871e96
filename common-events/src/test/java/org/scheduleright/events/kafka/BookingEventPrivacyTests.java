package org.scheduleright.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.Fixtures;
import org.scheduleright.events.booking.BookingLifecycle;
import org.scheduleright.events.contact.Contact;

/** Analysts read the booking stream without the contact key, so nothing personal may be in clear on it. */
class BookingEventPrivacyTests {

    private final CloudEventCodec<BookingLifecycle> bookings = CloudEventCodec.of(BookingLifecycle.STREAM);

    @Test
    void serialisedBookingEventsCarryNoNameEmailOrPhoneInClear() {
        Contact ada = Fixtures.ADA;
        for (BookingLifecycle event : Fixtures.everyBookingEvent()) {
            ProducerRecord<String, byte[]> record = bookings.toRecord(event, null);
            StringBuilder published =
                    new StringBuilder(record.key()).append(new String(record.value(), StandardCharsets.UTF_8));
            for (Header header : record.headers()) {
                published.append(header.key()).append(new String(header.value(), StandardCharsets.UTF_8));
            }

            for (String part : event.contact().token().split("\\.")) {
                published.append(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.ISO_8859_1));
            }

            assertThat(published.toString())
                    .doesNotContain(ada.name())
                    .doesNotContain("Lovelace")
                    .doesNotContainIgnoringCase(ada.email())
                    .doesNotContain(ada.phone())
                    .doesNotContain(ada.phone().substring(1));
            assertThat(Fixtures.CIPHER.decrypt(event.contact())).isEqualTo(ada);
        }
    }

    @Test
    void eventsPrintWithoutContactDetails() {
        for (BookingLifecycle event : Fixtures.everyBookingEvent()) {
            assertThat(event.toString()).doesNotContain("Lovelace", Fixtures.ADA.email(), Fixtures.ADA.phone());
        }
    }
}
