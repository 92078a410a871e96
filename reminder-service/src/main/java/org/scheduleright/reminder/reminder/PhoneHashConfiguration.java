package org.scheduleright.reminder.reminder;

import java.util.Arrays;
import java.util.List;
import org.scheduleright.platform.config.InvalidConfigurationException;
import org.scheduleright.reminder.reminder.domain.PhoneHasher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The keyed phone-number hash ({@code PHONE_HASH_KEYS}); the production profile refuses to start with the local
 * development key.
 */
@Configuration(proxyBeanMethods = false)
class PhoneHashConfiguration {

    /** The key id of the local development default, refused in production. */
    static final String DEV_ONLY_KEY_ID = "local-dev-only";

    @Bean
    PhoneHasher phoneHasher(PhoneHashProperties properties, Environment environment) {
        PhoneHasher hasher;
        try {
            hasher = PhoneHasher.fromKeys(properties.keys());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(List.of(e.getMessage()));
        }
        boolean devKey = Arrays.stream(properties.keys().split(","))
                .anyMatch(entry -> entry.strip().startsWith(DEV_ONLY_KEY_ID + ":"));
        if (devKey && environment.acceptsProfiles(Profiles.of("production"))) {
            throw new InvalidConfigurationException(
                    List.of("PHONE_HASH_KEYS must be set in production; the local dev-only key is refused"));
        }
        return hasher;
    }
}
