package org.scheduleright.gateway.ratelimit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;
import org.scheduleright.gateway.edge.TrustedProxies;
import org.scheduleright.platform.error.ErrorResponses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

/** Rate limits on Redis ({@code REDIS_URL}) through a Lettuce client of their own. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean(destroyMethod = "close")
    RedisBuckets redisBuckets(@Value("${spring.data.redis.url}") String redisUrl, RateLimitProperties properties) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(properties.redisTimeout());
        return new RedisBuckets(RedisClient.create(), uri, properties.keyPrefix(), properties.redisTimeout());
    }

    @Bean
    RateLimitFilter rateLimitFilter(
            RedisBuckets buckets,
            RateLimitProperties properties,
            TrustedProxies trustedProxies,
            ErrorResponses errors,
            MeterRegistry registry) {
        return new RateLimitFilter(buckets, properties, trustedProxies, errors, registry);
    }

    @Bean
    RateLimitPolicies rateLimitPolicies(RateLimitFilter rateLimitFilter) {
        return new RateLimitPolicies(rateLimitFilter);
    }

    @Bean
    WebFilter reminderSendLimit(RateLimitFilter rateLimitFilter) {
        return rateLimitFilter.perUser();
    }
}
