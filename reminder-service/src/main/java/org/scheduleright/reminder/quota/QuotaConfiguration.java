package org.scheduleright.reminder.quota;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.scheduleright.reminder.reminder.domain.PhoneHasher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the Redis-backed SMS quotas on the service's Redis (REDIS_URL). */
@Configuration(proxyBeanMethods = false)
class QuotaConfiguration {

    @Bean(destroyMethod = "close")
    SmsQuotas smsQuotas(
            @Value("${spring.data.redis.url}") String redisUrl,
            QuotaProperties properties,
            PhoneHasher hasher,
            MeterRegistry meters,
            Clock clock) {
        return new SmsQuotas(redisUrl, properties, hasher, meters, clock);
    }
}
