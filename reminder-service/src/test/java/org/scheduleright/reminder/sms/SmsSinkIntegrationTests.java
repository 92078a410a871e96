package org.scheduleright.reminder.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.contact.ContactCipher;
import org.scheduleright.platform.testing.ServiceTestProperties;
import org.scheduleright.platform.testing.TestJwks;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Its own context with the real log sink (no Twilio), as a local run has it: {@code GET /api/v1/reminders/sink} lists
 * only the caller's organisation's kept messages, none to an ADMIN without an organisation (issue 14, item 3).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"scheduleright.twilio.sink=log", "scheduleright.reminders.dispatcher-enabled=false"})
class SmsSinkIntegrationTests {

    private static final TestJwks jwks = new TestJwks();

    @LocalServerPort
    int port;

    @Autowired
    SmsSender sender;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.all(registry, "reminder");
        registry.add("scheduleright.contact.encryption-keys", () -> ContactCipher.newKeyEntry("test-1"));
        registry.add("scheduleright.auth.jwks-uri", jwks::jwksUri);
        registry.add("spring.kafka.consumer.group-id", () -> "reminder-service-" + UUID.randomUUID());
    }

    @AfterAll
    static void stop() {
        jwks.close();
    }

    @Test
    void theSinkListsOnlyTheCallersOrganisationsMessages() {
        assertThat(sender).isInstanceOf(LogSmsSender.class);
        UUID ownOrg = UUID.randomUUID();
        UUID otherOrg = UUID.randomUUID();
        UUID own = keep(ownOrg, "Hello Ana, see you tomorrow");
        keep(otherOrg, "Hello Bea, see you tomorrow");

        Map<?, ?> answer = sink(jwks.token(UUID.randomUUID().toString(), ownOrg.toString(), "STAFF"));

        assertThat(answer.get("smsEnabled")).isEqualTo(false);
        List<?> messages = (List<?>) answer.get("messages");
        assertThat(messages).singleElement().satisfies(message -> {
            assertThat(((Map<?, ?>) message).get("reminderId")).isEqualTo(own.toString());
            assertThat(((Map<?, ?>) message).get("body")).isEqualTo("Hello Ana, see you tomorrow");
        });
        assertThat(answer.toString()).doesNotContain("Bea", otherOrg.toString());
    }

    @Test
    void anAdminWithoutOrganisationSeesNoMessages() {
        keep(UUID.randomUUID(), "Hello Cleo");

        Map<?, ?> answer = sink(jwks.token(UUID.randomUUID().toString(), null, "ADMIN"));

        assertThat((List<?>) answer.get("messages")).isEmpty();
    }

    private UUID keep(UUID orgId, String body) {
        UUID reminderId = UUID.randomUUID();
        sender.send(new SmsMessage(reminderId, orgId, new PhoneNumber("+33612345678"), body))
                .block(Duration.ofSeconds(5));
        return reminderId;
    }

    private Map<?, ?> sink(String token) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .build()
                .get()
                .uri("/api/v1/reminders/sink")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }
}
