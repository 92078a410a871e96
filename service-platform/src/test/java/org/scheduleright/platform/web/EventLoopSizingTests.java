package org.scheduleright.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.scheduleright.platform.config.InvalidConfigurationException;
import org.springframework.mock.env.MockEnvironment;

class EventLoopSizingTests {

    @Test
    void reactorKeepsReactorNettysOwnDefault() {
        assertThat(EventLoopSizing.loops("reactor", 2)).isEmpty();
        assertThat(EventLoopSizing.loops(" Reactor ", 16)).isEmpty();
    }

    @Test
    void halfIsHalfTheProcessorsAndAtLeastOne() {
        assertThat(EventLoopSizing.loops("half", 1)).isEqualTo(OptionalInt.of(1));
        assertThat(EventLoopSizing.loops("half", 2)).isEqualTo(OptionalInt.of(1));
        assertThat(EventLoopSizing.loops("half", 3)).isEqualTo(OptionalInt.of(1));
        assertThat(EventLoopSizing.loops("HALF", 8)).isEqualTo(OptionalInt.of(4));
    }

    @Test
    void aNumberIsTakenAsItIs() {
        assertThat(EventLoopSizing.loops("1", 8)).isEqualTo(OptionalInt.of(1));
        assertThat(EventLoopSizing.loops("64", 2)).isEqualTo(OptionalInt.of(64));
    }

    @Test
    void anythingElseRefusesToStartNamingTheVariable() {
        for (String bad : new String[] {"0", "65", "-1", "two", "", "1.5", "9999999999"}) {
            assertThatThrownBy(() -> EventLoopSizing.loops(bad, 2))
                    .as(bad)
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("EVENT_LOOP_THREADS");
        }
    }

    @Test
    void theVariableWinsOverTheServicesDefault() {
        MockEnvironment environment = new MockEnvironment().withProperty(EventLoopSizing.SETTING, "half");
        assertThat(EventLoopSizing.setting(environment)).isEqualTo("half");
        environment.setProperty(EventLoopSizing.VARIABLE, "3");
        assertThat(EventLoopSizing.setting(environment)).isEqualTo("3");
        assertThat(EventLoopSizing.setting(new MockEnvironment())).isEqualTo("reactor");
    }
}
