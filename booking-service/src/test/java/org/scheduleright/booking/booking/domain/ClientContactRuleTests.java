package org.scheduleright.booking.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.scheduleright.booking.booking.domain.ClientContactRule.Channel;
import org.scheduleright.booking.booking.domain.ClientContactRule.Problem;

/** A client is reached by phone, by email or both, never by neither. */
class ClientContactRuleTests {

    @Test
    void acceptsAPhoneWithoutAnEmail() {
        assertThat(ClientContactRule.problems(null, "+447700900123")).isEmpty();
    }

    @Test
    void acceptsAnEmailWithoutAPhone() {
        assertThat(ClientContactRule.problems("ada@example.org", null)).isEmpty();
    }

    @Test
    void acceptsBoth() {
        assertThat(ClientContactRule.problems("ada@example.org", "+447700900123"))
                .isEmpty();
    }

    @Test
    void refusesNeitherOnBothFields() {
        assertThat(ClientContactRule.problems(null, null))
                .extracting(Problem::channel)
                .containsExactly(Channel.PHONE, Channel.EMAIL);
    }

    @Test
    void refusesAPhoneNotInE164Form() {
        assertThat(ClientContactRule.problems(null, "07700 900123"))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.channel()).isEqualTo(Channel.PHONE);
                    assertThat(problem.message()).doesNotContain("07700");
                });
    }

    @Test
    void refusesAMalformedEmailEvenWithAGoodPhone() {
        assertThat(ClientContactRule.problems("not-an-email", "+447700900123"))
                .extracting(Problem::channel)
                .containsExactly(Channel.EMAIL);
    }

    @Test
    void blankCountsAsAbsent() {
        assertThat(ClientContactRule.normalise("  ")).isNull();
        assertThat(ClientContactRule.normalise(" +447700900123 ")).isEqualTo("+447700900123");
        assertThat(ClientContactRule.problems(ClientContactRule.normalise(" "), ClientContactRule.normalise("")))
                .hasSize(2);
    }

    @Test
    void clientDetailsKeepAPhoneOnlyClientAndRefuseOneWithoutContact() {
        ClientDetails phoneOnly = new ClientDetails("Ada Lovelace", "", "+447700900123");

        assertThat(phoneOnly.email()).isNull();
        assertThat(phoneOnly.phone()).isEqualTo("+447700900123");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ClientDetails("Ada Lovelace", null, " "))
                .withMessageContaining("a phone number or an email address");
    }
}
