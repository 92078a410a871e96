package org.scheduleright.booking.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;

/** Found by the hostile-input story: extreme instants parse, yet no stored time can meaningfully match them. */
class TimeRangeTests {

    @ParameterizedTest
    @ValueSource(strings = {"-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "0999-12-31T23:59:59Z"})
    void refusesInstantsOutsideTheYearsADatabaseTimeCanHold(String extreme) {
        assertThatThrownBy(() -> TimeRange.of(extreme, null)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
            assertThat(e.details())
                    .singleElement()
                    .satisfies(d -> assertThat(d.field()).isEqualTo("from"));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000-01-01T00:00:00Z", "2027-03-15T13:00:00Z", "9999-12-31T23:59:59Z"})
    void acceptsInstantsWithinThem(String instant) {
        assertThat(TimeRange.of(null, instant).to()).isEqualTo(Instant.parse(instant));
    }
}
