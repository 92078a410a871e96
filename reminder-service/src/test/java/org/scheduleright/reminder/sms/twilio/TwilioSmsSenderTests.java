package org.scheduleright.reminder.sms.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.scheduleright.platform.testing.Probes;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.scheduleright.reminder.sms.SmsMessage;
import org.scheduleright.reminder.sms.SmsOutcome;
import org.scheduleright.reminder.sms.twilio.FakeTwilio.Answer;

/** The real Twilio SDK against a fake Twilio: what is sent, what is retried, and what is never resent. */
class TwilioSmsSenderTests {

    private static final String SID = "AC00000000000000000000000000000001";

    private final FakeTwilio twilio = newFake();

    private static FakeTwilio newFake() {
        try {
            return new FakeTwilio();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    private static TwilioProperties properties(String baseUrl, Duration readTimeout) {
        return new TwilioProperties(
                "twilio",
                SID,
                "secret-token",
                "+15005550006",
                baseUrl,
                "https://reminders.example.org/",
                Duration.ofSeconds(1),
                readTimeout,
                3,
                Duration.ofMillis(10),
                Duration.ofSeconds(5));
    }

    private SmsOutcome send(String baseUrl) {
        TwilioSmsSender sender = TwilioSmsSender.create(
                properties(baseUrl, Duration.ofSeconds(2)), Clock.systemUTC(), ObservationRegistry.NOOP);
        return sender.send(
                        new SmsMessage(UUID.randomUUID(), UUID.randomUUID(), new PhoneNumber("+33612345678"), "Hi Ana"))
                .block(Duration.ofSeconds(20));
    }

    @Test
    void postsTheMessageWithStatusCallbackAndCredentials() {
        twilio.then(Answer.accepted("SM123"));

        assertThat(send(twilio.baseUrl())).isEqualTo(new SmsOutcome.Accepted("SM123"));

        assertThat(twilio.received()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json");
            assertThat(request.authorization())
                    .isEqualTo("Basic "
                            + Base64.getEncoder()
                                    .encodeToString((SID + ":secret-token").getBytes(StandardCharsets.UTF_8)));
            assertThat(request.form())
                    .containsEntry("To", "+33612345678")
                    .containsEntry("From", "+15005550006")
                    .containsEntry("Body", "Hi Ana")
                    .containsEntry("StatusCallback", "https://reminders.example.org/webhooks/twilio/status");
        });
    }

    @Test
    void retriesTooManyRequestsAndThenSendsOnce() {
        twilio.then(Answer.error(429, 20429)).then(Answer.accepted("SM2"));

        assertThat(send(twilio.baseUrl())).isEqualTo(new SmsOutcome.Accepted("SM2"));
        assertThat(twilio.received()).hasSize(2);
    }

    @Test
    void retriesServiceUnavailableWithRetryAfter() {
        twilio.then(new Answer(503, "{}", "0")).then(Answer.accepted("SM3"));

        assertThat(send(twilio.baseUrl())).isEqualTo(new SmsOutcome.Accepted("SM3"));
        assertThat(twilio.received()).hasSize(2);
    }

    @Test
    void recordsAnotherServerErrorAsUnknownWithoutResending() {
        twilio.then(Answer.error(500, 20500)).then(Answer.accepted("SM4"));

        assertThat(send(twilio.baseUrl())).isEqualTo(new SmsOutcome.Ambiguous("twilio:http_500"));
        assertThat(twilio.received()).hasSize(1);
    }

    @Test
    void recordsServiceUnavailableWithoutRetryAfterAsUnknown() {
        twilio.then(new Answer(503, "{}", null));

        assertThat(send(twilio.baseUrl())).isEqualTo(new SmsOutcome.Ambiguous("twilio:http_503"));
        assertThat(twilio.received()).hasSize(1);
    }

    @Test
    void failsAtOnceOnAnInvalidNumber() {
        twilio.then(Answer.error(400, 21211));

        assertThat(send(twilio.baseUrl())).isEqualTo(new SmsOutcome.Rejected("twilio:21211", false));
        assertThat(twilio.received()).hasSize(1);
    }

    @Test
    void failsAndReportsTheOptOutOnAnUnsubscribedNumber() {
        twilio.then(Answer.error(400, 21610));

        assertThat(send(twilio.baseUrl())).isEqualTo(new SmsOutcome.Rejected("twilio:21610", true));
    }

    @Test
    void retriesARefusedConnectionAndFailsWhenItStaysDown() {
        SmsOutcome outcome = send("http://127.0.0.1:" + Probes.deadPort());

        assertThat(outcome).isEqualTo(new SmsOutcome.Rejected("twilio:connection_refused", false));
    }
}
