package org.scheduleright.booking.org.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scheduleright.booking.BookingIntegrationTest;

/** Organisations and sites: roles, tenancy (another organisation answers 404) and validation details. */
class OrganisationIntegrationTests extends BookingIntegrationTest {

    @Test
    void adminCreatesAndListsOrganisations() {
        String org = newOrganisation("Europe/London");
        http().get()
                .uri("/api/v1/orgs?size=500")
                .headers(h -> h.setBearerAuth(adminToken()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .value(total -> assertThat(((Number) total).longValue()).isPositive())
                .jsonPath("$.data[?(@.id == '" + org + "')].timezone")
                .isEqualTo(List.of("Europe/London"));
    }

    @Test
    void onlyAnAdminCreatesOrganisations() {
        String org = newOrganisation("Europe/London");
        http().post()
                .uri("/api/v1/orgs")
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .bodyValue(Map.of("name", "Another centre", "timezone", "Europe/London"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INSUFFICIENT_PERMISSIONS");
    }

    @Test
    void rejectsInvalidOrganisationWithDetailsPerField() {
        http().post()
                .uri("/api/v1/orgs")
                .headers(h -> h.setBearerAuth(adminToken()))
                .bodyValue(Map.of("name", "AB", "timezone", "Europe/London"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_ERROR")
                .jsonPath("$.details[0].field")
                .isEqualTo("name");
        http().post()
                .uri("/api/v1/orgs")
                .headers(h -> h.setBearerAuth(adminToken()))
                .bodyValue(Map.of("name", "Valid name", "timezone", "Mars/Olympus"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.details[0].field")
                .isEqualTo("timezone");
    }

    @Test
    void membersReadTheirOrganisationAndOthersGetNotFound() {
        String org = newOrganisation("Asia/Kolkata");
        String other = newOrganisation("Asia/Kolkata");
        http().get()
                .uri("/api/v1/orgs/{org}", org)
                .headers(h -> h.setBearerAuth(token(org, "CLIENT")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.timezone")
                .isEqualTo("Asia/Kolkata");
        http().get()
                .uri("/api/v1/orgs/{org}", org)
                .headers(h -> h.setBearerAuth(token(other, "STAFF")))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("RESOURCE_NOT_FOUND");
    }

    @Test
    void siteDefaultsToTheOrganisationTimezoneAndRejectsAnInvalidOne() {
        String org = newOrganisation("America/New_York");
        String site = newSite(org);
        http().get()
                .uri("/api/v1/orgs/{org}/sites", org)
                .headers(h -> h.setBearerAuth(token(org, "VOLUNTEER")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.data[0].id")
                .isEqualTo(site)
                .jsonPath("$.data[0].timezone")
                .isEqualTo("America/New_York");
        http().post()
                .uri("/api/v1/orgs/{org}/sites", org)
                .headers(h -> h.setBearerAuth(token(org, "STAFF")))
                .bodyValue(Map.of("name", "Annex", "timezone", "Not/AZone"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.details[0].field")
                .isEqualTo("timezone");
    }

    @Test
    void sitesNeedTheRightRoleAndTheRightOrganisation() {
        String org = newOrganisation("Europe/Paris");
        String other = newOrganisation("Europe/Paris");
        http().post()
                .uri("/api/v1/orgs/{org}/sites", org)
                .headers(h -> h.setBearerAuth(token(org, "VOLUNTEER")))
                .bodyValue(Map.of("name", "Annex"))
                .exchange()
                .expectStatus()
                .isForbidden();
        http().post()
                .uri("/api/v1/orgs/{org}/sites", org)
                .headers(h -> h.setBearerAuth(token(other, "STAFF")))
                .bodyValue(Map.of("name", "Annex"))
                .exchange()
                .expectStatus()
                .isNotFound();
        http().get()
                .uri("/api/v1/orgs/{org}/sites", org)
                .headers(h -> h.setBearerAuth(token(org, "CLIENT")))
                .exchange()
                .expectStatus()
                .isForbidden();
        http().get()
                .uri("/api/v1/orgs/{org}/sites", org)
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }
}
