package org.scheduleright.reminder;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Its own context in the {@code production} profile, sending through (an unreachable) Twilio as production must: the
 * SMS sink route does not exist there, while the rest of the API does (issue 14, item 3).
 */
@ActiveProfiles("production")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "CORS_ORIGIN=https://app.example.org",
            "MYSQL_PASSWORD=set-by-the-test-infrastructure",
            "MYSQL_MIGRATION_PASSWORD=set-by-the-test-infrastructure",
            "SMS_SINK=twilio",
            "TWILIO_ACCOUNT_SID=AC00000000000000000000000000000000",
            "TWILIO_AUTH_TOKEN=" + ReminderIntegrationTest.TWILIO_AUTH_TOKEN,
            "TWILIO_PHONE_NUMBER=+15005550006",
            "TWILIO_API_BASE_URL=http://127.0.0.1:9",
            "PHONE_HASH_KEYS=p-test:a-production-profile-test-key-of-32-chars"
        })
class ProductionProfileIntegrationTests extends ReminderIntegrationTest {

    @Test
    void theSmsSinkRouteDoesNotExistInProduction() {
        String staff =
                jwks.token(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "STAFF");
        http().get()
                .uri("/api/v1/reminders/sink")
                .headers(h -> h.setBearerAuth(staff))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("RESOURCE_NOT_FOUND");
        http().get()
                .uri("/api/v1/reminders/settings")
                .headers(h -> h.setBearerAuth(staff))
                .exchange()
                .expectStatus()
                .isOk();
    }
}
