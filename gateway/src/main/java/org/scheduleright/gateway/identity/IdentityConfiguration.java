package org.scheduleright.gateway.identity;

import io.micrometer.core.instrument.MeterRegistry;
import org.scheduleright.gateway.identity.persistence.Users;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Users, password hashing, login checks with lockout, and the first ADMIN. */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    @Bean
    PasswordHashingPermits passwordHashingPermits(IdentityProperties properties) {
        return PasswordHashingPermits.forBudget(properties.passwordHashingMemory());
    }

    @Bean
    PasswordHasher passwordHasher(PasswordHashingPermits permits) {
        return new PasswordHasher(permits);
    }

    @Bean
    LoginLockout loginLockout(ReactiveStringRedisTemplate redis, IdentityProperties properties) {
        return new LoginLockout(redis, properties);
    }

    @Bean
    Authentication authentication(Users users, PasswordHasher hasher, LoginLockout lockout, MeterRegistry registry) {
        return new Authentication(users, hasher, lockout, registry);
    }

    @Bean
    Accounts accounts(Users users, PasswordHasher hasher) {
        return new Accounts(users, hasher);
    }

    @Bean
    FirstAdmin firstAdmin(Users users, PasswordHasher hasher, IdentityProperties properties) {
        return new FirstAdmin(users, hasher, properties);
    }
}
