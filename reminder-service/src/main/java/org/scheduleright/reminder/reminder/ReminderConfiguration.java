package org.scheduleright.reminder.reminder;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import org.scheduleright.events.contact.ContactCipher;
import org.scheduleright.reminder.booking.persistence.KnownBookings;
import org.scheduleright.reminder.quota.SmsQuotas;
import org.scheduleright.reminder.reminder.domain.SchedulingPolicy;
import org.scheduleright.reminder.reminder.messaging.ReminderEvents;
import org.scheduleright.reminder.reminder.persistence.OptOuts;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.scheduleright.reminder.settings.persistence.OrgReminderSettings;
import org.scheduleright.reminder.sms.SmsSender;
import org.scheduleright.reminder.sms.twilio.TwilioProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Wires the reminder dispatcher and, unless disabled, the worker that runs it. */
@Configuration(proxyBeanMethods = false)
class ReminderConfiguration {

    @Bean
    SmsDispatcher smsDispatcher(
            Reminders reminders,
            KnownBookings bookings,
            OrgReminderSettings settings,
            OptOuts optOuts,
            SchedulingPolicy policy,
            ContactCipher cipher,
            SmsSender sender,
            ReminderEvents events,
            @Qualifier("claimTransactions") TransactionalOperator claimTransactions,
            MeterRegistry meters,
            Clock clock,
            ReminderProperties properties,
            SmsQuotas quotas,
            ObservationRegistry observations,
            TwilioProperties twilio) {
        return new SmsDispatcher(
                reminders,
                bookings,
                settings,
                optOuts,
                policy,
                cipher,
                sender,
                events,
                claimTransactions,
                meters,
                clock,
                properties,
                properties.workerId(),
                quotas,
                observations,
                twilio.phoneNumber());
    }

    @Bean
    @ConditionalOnProperty(
            name = "scheduleright.reminders.dispatcher-enabled",
            havingValue = "true",
            matchIfMissing = true)
    ReminderWorker reminderWorker(
            SmsDispatcher dispatcher,
            Reminders reminders,
            ReminderProperties properties,
            Clock clock,
            MeterRegistry meters) {
        return new ReminderWorker(dispatcher, reminders, properties, clock, meters);
    }
}
