package org.scheduleright.reminder.sms;

import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import org.scheduleright.reminder.sms.twilio.TwilioProperties;
import org.scheduleright.reminder.sms.twilio.TwilioSmsSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the SMS sender: Twilio when configured, else the log sink that sends nothing. */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SmsConfiguration.class);

    @Bean
    SmsSender smsSender(TwilioProperties twilio, Clock clock, ObservationRegistry observations) {
        if (twilio.usesTwilio()) {
            log.info("SMS go to Twilio at {}", twilio.apiBaseUrl());
            return TwilioSmsSender.create(twilio, clock, observations);
        }
        log.warn("SMS is disabled (SMS_SINK=log or no Twilio credentials): reminders are recorded as skipped");
        return new LogSmsSender(50, clock);
    }
}
