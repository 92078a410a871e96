package org.scheduleright.reminder.reminder.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmentsTests {

    @Test
    void countsGsm7TextIn160And153CharacterParts() {
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
        assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
    }

    @Test
    void countsExtensionCharactersAsTwoSeptets() {
        assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(1);
        assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(2);
    }

    @Test
    void switchesToUcs2ForCharactersOutsideGsm7() {
        assertThat(SmsSegments.isGsm7("Zoë")).isFalse();
        assertThat(SmsSegments.count("ë".repeat(70))).isEqualTo(1);
        assertThat(SmsSegments.count("ë".repeat(71))).isEqualTo(2);
    }
}
