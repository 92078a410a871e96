package org.scheduleright.booking.booking;

import java.time.Clock;
import org.scheduleright.events.contact.ContactCipher;
import org.scheduleright.platform.config.InvalidConfigurationException;
import org.scheduleright.platform.housekeeping.Purge;
import org.scheduleright.platform.housekeeping.SqlPurges;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Wires the booking feature: the clock, the contact cipher of its events, its transactions and the purge of expired
 * idempotency keys.
 */
@Configuration(proxyBeanMethods = false)
class BookingConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ContactCipher contactCipher(ContactProperties properties, Environment environment) {
        try {
            return ContactCipher.forEnvironment(
                    properties.encryptionKeys(), environment.acceptsProfiles(Profiles.of("production")));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(java.util.List.of(e.getMessage()));
        }
    }

    /** Idempotency keys first used more than their retention ago are forgotten (platform housekeeping). */
    @Bean
    Purge expiredIdempotencyKeys(DatabaseClient database, IdempotencyProperties properties) {
        return new Purge(
                "idempotency-keys",
                properties.retention(),
                SqlPurges.olderThan(database, "idempotency_keys", "created_at"));
    }

    /**
     * Ids of applied SMS reply events are forgotten after their retention (keep it above the reminder topic's retention,
     * or a redelivered reply could act twice).
     */
    @Bean
    Purge processedReplyEvents(
            DatabaseClient database,
            @Value("${scheduleright.sms-replies.processed-retention:14d}") java.time.Duration retention) {
        return new Purge(
                "processed-reply-events",
                retention,
                SqlPurges.olderThan(database, "processed_reply_events", "processed_at"));
    }

    @Bean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactions) {
        return TransactionalOperator.create(transactions);
    }
}
