package org.scheduleright.reminder.sms.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.scheduleright.reminder.sms.SmsMessage;
import org.scheduleright.reminder.sms.SmsOutcome;
import org.scheduleright.reminder.sms.SmsSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Sends SMS with the Twilio SDK on a bounded elastic scheduler, with a status callback; retries only what Twilio did
 * not process, with exponential backoff and jitter inside the retry window, and never resends an ambiguous attempt.
 */
public final class TwilioSmsSender implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(TwilioSmsSender.class);

    private static final Set<Integer> PERMANENT = Set.of(21211, 21610, 21614);

    private static final int UNSUBSCRIBED = 21610;

    private final TwilioRestClient client;

    private final TwilioProperties properties;

    private final URI statusCallback;

    private final Scheduler scheduler;

    private final Clock clock;

    private TwilioSmsSender(
            TwilioProperties properties, Scheduler scheduler, Clock clock, ObservationRegistry observations) {
        this.properties = properties;
        this.client = new TwilioRestClient.Builder(properties.accountSid(), properties.authToken())
                .httpClient(new SingleShotTwilioHttpClient(
                        properties.apiBaseUrl(), properties.connectTimeout(), properties.readTimeout(), observations))
                .build();
        this.statusCallback = URI.create(stripSlash(properties.serverUrl()) + "/webhooks/twilio/status");
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Builds the sender with its own bounded elastic scheduler. */
    public static TwilioSmsSender create(TwilioProperties properties, Clock clock, ObservationRegistry observations) {
        return new TwilioSmsSender(properties, Schedulers.newBoundedElastic(16, 10_000, "twilio"), clock, observations);
    }

    @Override
    public Mono<SmsOutcome> send(SmsMessage message) {
        Instant deadline = clock.instant().plus(properties.retryWindow());
        return Mono.fromCallable(() -> Message.creator(
                                new PhoneNumber(message.to().e164()),
                                new PhoneNumber(properties.phoneNumber()),
                                message.body())
                        .setStatusCallback(statusCallback)
                        .create(client))
                .subscribeOn(scheduler)
                .retryWhen(Retry.from(signals -> signals.concatMap(signal -> {
                    Throwable failure = signal.failure();
                    if (!(failure instanceof TwilioNotProcessedException notProcessed)
                            || signal.totalRetries() >= properties.maxRetries()) {
                        return Mono.error(failure);
                    }
                    Duration delay = backoff(signal.totalRetries(), notProcessed.retryAfter());
                    if (clock.instant().plus(delay).isAfter(deadline)) {
                        return Mono.error(failure);
                    }
                    log.info(
                            "Twilio did not process reminder {} ({}); retrying in {} ms",
                            message.reminderId(),
                            notProcessed.reason(),
                            delay.toMillis());
                    return Mono.delay(delay).thenReturn(signal);
                })))
                .map(sent -> (SmsOutcome) new SmsOutcome.Accepted(sent.getSid()))
                .onErrorResume(error -> Mono.just(outcomeOf(error)));
    }

    private Duration backoff(long retries, Duration retryAfter) {
        long base = properties.initialBackoff().toMillis() << Math.min(retries, 16);
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        return Duration.ofMillis(Math.max(jittered, retryAfter.toMillis()));
    }

    private static SmsOutcome outcomeOf(Throwable error) {
        if (error instanceof TwilioNotProcessedException notProcessed) {
            return new SmsOutcome.Rejected("twilio:" + notProcessed.reason(), false);
        }
        if (error instanceof TwilioAmbiguousException ambiguous) {
            return new SmsOutcome.Ambiguous("twilio:" + ambiguous.reason());
        }
        if (error instanceof ApiException api && api.getCode() != null) {
            int code = api.getCode();
            return PERMANENT.contains(code) || (api.getStatusCode() != null && api.getStatusCode() < 500)
                    ? new SmsOutcome.Rejected("twilio:" + code, code == UNSUBSCRIBED)
                    : new SmsOutcome.Ambiguous("twilio:" + code);
        }
        if (error instanceof ApiException api && api.getStatusCode() != null && api.getStatusCode() < 500) {
            return new SmsOutcome.Rejected("twilio:http_" + api.getStatusCode(), false);
        }
        return new SmsOutcome.Ambiguous(
                "twilio:" + error.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
