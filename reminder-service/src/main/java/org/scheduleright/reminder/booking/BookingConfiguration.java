package org.scheduleright.reminder.booking;

import io.r2dbc.spi.ConnectionFactory;
import java.time.Clock;
import java.util.List;
import org.scheduleright.events.contact.ContactCipher;
import org.scheduleright.platform.config.InvalidConfigurationException;
import org.scheduleright.reminder.reminder.ReminderProperties;
import org.scheduleright.reminder.reminder.domain.SchedulingPolicy;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/** Wires the local copy of booking state: contact decryption, the scheduling policy and database transactions. */
@Configuration(proxyBeanMethods = false)
class BookingConfiguration {

    /** The contact cipher; in production the public development key is refused, as booking-service refuses it. */
    @Bean
    ContactCipher contactCipher(ContactProperties properties, Environment environment) {
        try {
            return ContactCipher.forEnvironment(
                    properties.encryptionKeys(), environment.acceptsProfiles(Profiles.of("production")));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(List.of(e.getMessage()));
        }
    }

    @Bean
    SchedulingPolicy schedulingPolicy(ReminderProperties properties) {
        return new SchedulingPolicy(properties.minimumNotice());
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Read-committed transactions for applying booking events. Several consumer threads apply events of different
     * bookings at once; under repeatable read, two of them locking a booking not yet known (a gap lock) and then
     * inserting it deadlocked each other. Each booking's events stay on one partition, hence one thread, and the
     * event-id and booking rows are still locked by their unique keys.
     */
    @Bean
    TransactionalOperator reminderTransactions(ConnectionFactory connectionFactory) {
        return readCommitted(connectionFactory);
    }

    /** Short read-committed transactions for claiming due reminders: no gap locks, so replicas rarely collide. */
    @Bean
    TransactionalOperator claimTransactions(ConnectionFactory connectionFactory) {
        return readCommitted(connectionFactory);
    }

    private static TransactionalOperator readCommitted(ConnectionFactory connectionFactory) {
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        return TransactionalOperator.create(new R2dbcTransactionManager(connectionFactory), definition);
    }
}
