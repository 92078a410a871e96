package org.scheduleright.reminder;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.scheduleright.reminder.sms.SmsMessage;
import org.scheduleright.reminder.sms.SmsOutcome;
import org.scheduleright.reminder.sms.SmsSender;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import reactor.core.publisher.Mono;

/** A fake SMS provider that accepts every message and records each send per reminder. */
public class RecordingSmsSender implements SmsSender {

    private final List<SmsMessage> messages = new CopyOnWriteArrayList<>();

    private final Map<UUID, Integer> sends = new ConcurrentHashMap<>();

    @Override
    public Mono<SmsOutcome> send(SmsMessage message) {
        return Mono.fromSupplier(() -> {
            messages.add(message);
            sends.merge(message.reminderId(), 1, Integer::sum);
            return new SmsOutcome.Accepted(
                    "SM" + message.reminderId().toString().replace("-", ""));
        });
    }

    /** How many times the reminder was sent. */
    public int sendsOf(UUID reminderId) {
        return sends.getOrDefault(reminderId, 0);
    }

    /** The messages sent for one reminder. */
    public List<SmsMessage> messagesOf(UUID reminderId) {
        return messages.stream().filter(m -> m.reminderId().equals(reminderId)).toList();
    }

    /** Registers the recorder as the context's SMS sender. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        @Primary
        RecordingSmsSender recordingSmsSender() {
            return new RecordingSmsSender();
        }
    }
}
