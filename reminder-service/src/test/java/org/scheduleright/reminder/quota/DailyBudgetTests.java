package org.scheduleright.reminder.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DailyBudgetTests {

    @Test
    void usesThePlatformDefaultWhenTheOrganisationChoseNone() {
        assertThat(DailyBudget.effective(null, 200, 1000)).isEqualTo(200);
    }

    @Test
    void usesTheOrganisationsChoiceBelowTheMaximum() {
        assertThat(DailyBudget.effective(25, 200, 1000)).isEqualTo(25);
        assertThat(DailyBudget.effective(800, 200, 1000)).isEqualTo(800);
    }

    @Test
    void capsAChoiceAtAMaximumLoweredAfterwards() {
        assertThat(DailyBudget.effective(800, 200, 300)).isEqualTo(300);
        assertThat(DailyBudget.effective(null, 200, 100)).isEqualTo(100);
    }

    @Test
    void refusesChoicesOutsideOneToTheMaximum() {
        assertThat(DailyBudget.problemWith(1, 1000)).isNull();
        assertThat(DailyBudget.problemWith(1000, 1000)).isNull();
        assertThat(DailyBudget.problemWith(0, 1000)).isEqualTo("must be between 1 and 1000");
        assertThat(DailyBudget.problemWith(1001, 1000)).isEqualTo("must be between 1 and 1000");
    }

    @Test
    void refusesAPlatformWithoutBudget() {
        assertThatThrownBy(() -> DailyBudget.effective(null, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void warnsOnceWhenTheEightiethPercentIsTaken() {
        // A budget of 10: the 8th SMS of the day reaches 80 %.
        assertThat(LongStream.rangeClosed(1, 10).filter(used -> DailyBudget.crossesWarning(10, used, 0.8)))
                .containsExactly(8L);
        // A budget of 7: 80 % is 5.6 SMS, so the 6th crosses it.
        assertThat(LongStream.rangeClosed(1, 7).filter(used -> DailyBudget.crossesWarning(7, used, 0.8)))
                .containsExactly(6L);
    }

    @Test
    void warnsAtTheFirstSmsOfATinyBudget() {
        assertThat(DailyBudget.crossesWarning(1, 1, 0.8)).isTrue();
    }
}
