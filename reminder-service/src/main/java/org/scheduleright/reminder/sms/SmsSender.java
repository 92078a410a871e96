package org.scheduleright.reminder.sms;

import reactor.core.publisher.Mono;

/** The port through which reminders leave as SMS. */
public interface SmsSender {

    /** Sends the message once; emits the outcome and never an error. */
    Mono<SmsOutcome> send(SmsMessage message);
}
