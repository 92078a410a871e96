package org.scheduleright.reminder.reminder.domain;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReminderSettingsTests {

    @Test
    void rejectsLeadTimesOutsideOneTo72Hours() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ReminderSettings(true, List.of(0), MessageTemplate.DEFAULT, false, null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ReminderSettings(true, List.of(73), MessageTemplate.DEFAULT, false, null));
    }

    @Test
    void rejectsRepeatedLeadTimes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ReminderSettings(true, List.of(2, 2), MessageTemplate.DEFAULT, false, null));
    }

    @Test
    void rejectsPhoneNumbersNotInE164Form() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumber("07700900123"));
        assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumber("+0447700900123"));
    }
}
