package org.scheduleright.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A limit names itself as an IETF RateLimit-Policy item and refuses nonsense. */
class LimitTests {

    @Test
    void rendersItsPolicyItem() {
        assertThat(new Limit("auth", 10, Duration.ofMinutes(15), true).policy()).isEqualTo("\"auth\";q=10;w=900");
    }

    @Test
    void refusesAnEmptyWindowOrCapacity() {
        assertThatThrownBy(() -> new Limit("auth", 0, Duration.ofMinutes(15), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limit("auth", 10, Duration.ZERO, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnavailableCheckLetsThroughOnlyFailOpenLimits() {
        assertThat(Decision.unavailable(new Limit("standard", 100, Duration.ofMinutes(15), false))
                        .allowed())
                .isTrue();
        assertThat(Decision.unavailable(new Limit("auth", 10, Duration.ofMinutes(15), true))
                        .allowed())
                .isFalse();
    }
}
