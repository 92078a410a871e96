package org.scheduleright.reminder.reminder.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MessageTemplateTests {

    @Test
    void rendersTheAppointmentInTheSitesTimeZone() {
        String text = MessageTemplate.DEFAULT.renderFor(
                "Ana", "Main St", Instant.parse("2026-01-15T14:30:00Z"), ZoneId.of("America/New_York"));
        assertThat(text)
                .isEqualTo("Hi Ana, reminder: your appointment at Main St on Thu 15 Jan 2026 at 09:30."
                        + " Reply STOP to opt out.");
    }

    @Test
    void fillsEveryOccurrenceOfAPlaceholder() {
        String text = new MessageTemplate("{{name}} {{name}} {{ time }}")
                .renderFor("Bo", null, Instant.parse("2026-01-15T14:30:00Z"), ZoneId.of("UTC"));
        assertThat(text).isEqualTo("Bo Bo 14:30");
    }

    @Test
    void rejectsUnknownPlaceholders() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new MessageTemplate("Hi {{email}}"))
                .withMessageContaining("{{email}}");
    }

    @Test
    void rejectsUnclosedPlaceholders() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MessageTemplate("Hi {{name"));
    }

    @Test
    void rejectsTemplatesLongerThan320Characters() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new MessageTemplate("x".repeat(321)))
                .withMessageContaining("321");
        assertThat(new MessageTemplate("x".repeat(320)).text()).hasSize(320);
    }

    @Test
    void theReplyHintAppearsOnlyWhenRepliesAreEnabled() {
        MessageTemplate template =
                new MessageTemplate("Hi {{name}}, {{site}} at {{time}}. {{replyHint}} STOP to opt out.");
        Instant start = Instant.parse("2026-12-02T09:30:00Z");

        assertThat(template.renderFor("Ada", "Mitte Clinic", start, ZoneId.of("Europe/Berlin"), true))
                .isEqualTo("Hi Ada, Mitte Clinic at 10:30. Reply C to confirm or X to cancel. STOP to opt out.");
        assertThat(template.renderFor("Ada", "Mitte Clinic", start, ZoneId.of("Europe/Berlin"), false))
                .isEqualTo("Hi Ada, Mitte Clinic at 10:30. STOP to opt out.");
    }

    @Test
    void theConfirmationRequestNamesNeitherTheClientNorMoreThanSiteAndTime() {
        String text = MessageTemplate.CONFIRMATION_REQUEST.renderFor(
                "Ada Lovelace", "Mitte Clinic", Instant.parse("2026-12-02T09:30:00Z"), ZoneId.of("Europe/Berlin"));

        assertThat(text)
                .doesNotContain("Ada")
                .contains("Mitte Clinic")
                .contains("10:30")
                .contains("Reply C");
    }
}
