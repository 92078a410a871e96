package org.scheduleright.reminder.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.scheduleright.events.contact.ContactCipher;
import org.scheduleright.platform.config.InvalidConfigurationException;
import org.springframework.mock.env.MockEnvironment;

/**
 * In production this service refuses the public development contact key by its material, whatever kid it is given,
 * with one clear line naming the entry and never the key (issue 14, item 10).
 */
class ContactKeyProductionTests {

    private static final String DEVELOPMENT_KEY = "F81cOO0We9BqAu3+UgGzCAlq+5t3xj735J5vX0e0wW4=";

    /** The whole matrix of spellings is in common-events' ContactCipherTests; here, this service's wiring. */
    @Test
    void productionRefusesTheDevelopmentKeyUnderAnotherKidAndDevelopmentAcceptsIt() {
        assertThatThrownBy(() -> contactCipher("prod-2026:" + DEVELOPMENT_KEY, "production"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("CONTACT_ENCRYPTION_KEYS entry 1 (kid prod-2026) is the public development key");
        assertThat(contactCipher("local-dev-only:" + DEVELOPMENT_KEY, "default").activeKid())
                .isEqualTo("local-dev-only");
    }

    private static ContactCipher contactCipher(String keys, String profile) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profile);
        return new BookingConfiguration().contactCipher(new ContactProperties(keys), environment);
    }
}
