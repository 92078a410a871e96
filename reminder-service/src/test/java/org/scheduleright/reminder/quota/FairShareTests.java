package org.scheduleright.reminder.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 14 item 4: one organisation's share of the overall hourly SMS ceiling. */
class FairShareTests {

    @ParameterizedTest
    @CsvSource({"50, 40, 20", "50, 100, 50", "10, 40, 4", "50, 1, 1", "1, 40, 1", "7, 50, 3"})
    void isTheShareOfTheCeilingRoundedDownButAtLeastOne(long overall, int percent, long expected) {
        assertThat(FairShare.perOrganisationHourly(overall, percent)).isEqualTo(expected);
    }

    @Test
    void refusesAShareOutsideOneToAHundredPercent() {
        assertThatIllegalArgumentException().isThrownBy(() -> FairShare.perOrganisationHourly(50, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> FairShare.perOrganisationHourly(50, 101));
        assertThatIllegalArgumentException().isThrownBy(() -> FairShare.perOrganisationHourly(0, 40));
    }
}
