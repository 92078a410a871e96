package org.scheduleright.booking.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 14 item 4: only names that read as a person's name reach the reminder SMS. */
class ClientNameRuleTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Ada Lovelace",
                "Zoë O'Brien-Smith",
                "Renée d’Arc",
                "J. R. Smith",
                "St. John",
                "李小龍",
                "Олена Петренко",
                "محمد علي",
                "देवनागरी नाम",
                "Al"
            })
    void acceptsNamesOfAnyScript(String name) {
        assertThat(ClientNameRule.problem(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Call 0800 123 456",
                "123456",
                "visit https://evil.example",
                "evil.example",
                "bit.ly",
                "Ana www.evil.example now",
                "ana@example.org",
                "Ana\nClient",
                "Ana\u0000",
                "Ana\u202EtneilC",
                "Ana\u200BClient",
                "Ana <b>",
                "Ana {{site}}",
                "Ana  Client",
                "A",
                "''",
                "--",
                "Ana$",
                "ｅｖｉｌ．ｅｘａｍｐｌｅ"
            })
    void refusesDigitsUrlsControlAndFormatCharacters(String name) {
        assertThat(ClientNameRule.problem(name)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(ints = {101, 500})
    void refusesOverlongNames(int length) {
        assertThat(ClientNameRule.problem("a".repeat(length))).contains("must have 2 to 100 characters");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 100})
    void countsCharactersNotUtf16Units(int length) {
        assertThat(ClientNameRule.problem("𝒜".repeat(length))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800bc", "ab\uDC00"})
    void refusesLoneSurrogates(String name) {
        assertThat(ClientNameRule.problem(name)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ana 0800123456", "evil.example"})
    void neverRepeatsTheNameInItsMessage(String name) {
        assertThat(ClientNameRule.problem(name))
                .hasValueSatisfying(message -> assertThat(message).doesNotContain(name));
    }
}
