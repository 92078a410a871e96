package org.scheduleright.reminder.reply.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The words that confirm or cancel are read whatever their case, surrounding spaces or punctuation. */
class ReplyKeywordTests {

    @ParameterizedTest
    @ValueSource(strings = {"C", "c", " c ", "YES", "yes", "Yes!", "y", "Y.", "confirm", "Confirm!!", "'C'", "\tyes\n"})
    void confirms(String body) {
        assertThat(ReplyKeyword.of(body)).isEqualTo(ReplyKeyword.CONFIRM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X", "x", " x. ", "CANCEL", "cancel", "Cancel!", "no", "No.", "NO!"})
    void cancels(String body) {
        assertThat(ReplyKeyword.of(body)).isEqualTo(ReplyKeyword.CANCEL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "maybe", "yes please", "C X", "confirmed", "cc", "xyes", "what time?", "1"})
    void anythingElseIsNotUnderstood(String body) {
        assertThat(ReplyKeyword.of(body)).isEqualTo(ReplyKeyword.UNRECOGNISED);
    }

    @Test
    void aMissingBodyIsNotUnderstood() {
        assertThat(ReplyKeyword.of(null)).isEqualTo(ReplyKeyword.UNRECOGNISED);
    }
}
