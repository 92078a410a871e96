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
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Builds further dispatchers wired like the application's own, to act as extra worker replicas in tests. */
final class ExtraDispatchers {

    private final ApplicationContext context;

    ExtraDispatchers(ApplicationContext context) {
        this.context = context;
    }

    /** A dispatcher named {@code name} that sends through {@code sender} and takes from {@code quotas}. */
    SmsDispatcher create(String name, SmsSender sender, SmsQuotas quotas, MeterRegistry meters) {
        return create(name, sender, quotas, meters, Clock.systemUTC());
    }

    /** The same, reading the time from {@code clock}. */
    SmsDispatcher create(String name, SmsSender sender, SmsQuotas quotas, MeterRegistry meters, Clock clock) {
        return new SmsDispatcher(
                context.getBean(Reminders.class),
                context.getBean(KnownBookings.class),
                context.getBean(OrgReminderSettings.class),
                context.getBean(OptOuts.class),
                context.getBean(SchedulingPolicy.class),
                context.getBean(ContactCipher.class),
                sender,
                context.getBean(ReminderEvents.class),
                context.getBean("claimTransactions", TransactionalOperator.class),
                meters,
                clock,
                context.getBean(ReminderProperties.class),
                name,
                quotas,
                context.getBean(ObservationRegistry.class),
                context.getBean(TwilioProperties.class).phoneNumber());
    }
}
