package org.scheduleright.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import tools.jackson.databind.JsonNode;

/**
 * The public booking page in a real browser (Debian's chromium through its chromium-driver) against the real
 * platform: a member of the public opens the page, sees the site's free times grouped by day in the site's local
 * time, books one with a phone and no email, sees the confirmation; staff confirm and a reminder is planned. A time
 * taken meanwhile shows the friendly message and the nearest free times, a detail the API refuses shows next to its field; the page logs no console error; every step
 * leaves a screenshot in {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookingPageStoryTests {

    /** Half an hour ahead of UTC, no daylight saving: a page showing UTC or the browser's zone would be caught. */
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final String CLIENT_PHONE = "+15551234567";
    private static final Duration EVENTUALLY = Duration.ofSeconds(90);

    private Platform platform;
    private Browser browser;
    private String staff;
    private String orgId;

    /** A site of its own per test, with three free times: two on one local day, one on the next. */
    private record Site(
            String id, Instant morning, Instant halfHourLater, Instant nextDay, Map<Instant, String> slots) {

        String slotAt(Instant start) {
            return slots.get(start);
        }
    }

    @Test
    void aMemberOfThePublicBooksOnThePageWithAPhoneAndGetsAReminderPlanned() throws Exception {
        Site site = newSiteWithThreeFreeTimes();
        String siteId = site.id();
        Instant morning = site.morning();
        Instant halfHourLater = site.halfHourLater();
        Instant nextDay = site.nextDay();
        browser.open(platform.gateway() + "/book/" + siteId);
        List<WebElement> slots = browser.awaitSlots();

        assertThat(browser.find(By.id("site-name")).getText()).isEqualTo("Riverside clinic");
        assertThat(browser.find(By.id("org-name")).getText()).isEqualTo("Page Story Care Centre");
        assertThat(browser.findAll(By.cssSelector("#days section.day")))
                .as("one group per local day")
                .hasSize(2);
        assertThat(slots)
                .extracting(WebElement::getText)
                .containsExactly(local(morning), local(halfHourLater), local(nextDay));
        WebElement firstDay = browser.find(By.cssSelector("#days section.day h3"));
        ZonedDateTime morningThere = morning.atZone(KOLKATA);
        assertThat(firstDay.getText())
                .contains(String.valueOf(morningThere.getDayOfMonth()))
                .contains(morningThere.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        browser.screenshot("01-free-times");

        browser.slotButton(site.slotAt(morning)).click();
        browser.awaitVisible("form-section");
        assertThat(browser.focusedId()).as("focus moves to the form").isEqualTo("form-heading");
        assertThat(browser.find(By.id("chosen")).getText()).contains(local(morning));
        browser.screenshot("02-details-form");

        browser.type("phone", "07700 900123");
        browser.find(By.id("book")).click();
        browser.awaitVisible("error-summary");
        assertThat(browser.focusedId()).as("focus moves to the error summary").isEqualTo("error-summary");
        assertThat(browser.find(By.id("name-error")).getText()).isEqualTo("Enter your full name");
        assertThat(browser.find(By.id("phone-error")).getText()).contains("country code");
        assertThat(browser.find(By.id("phone")).getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("03-validation-errors");

        browser.type("name", "Asha Page");
        browser.type("phone", "+1 555 123 4567");
        browser.screenshot("04-details-filled");
        // a double tap: the page sends one request (and one Idempotency-Key for the attempt), the slot keeps a seat
        new Actions(browser.driver()).doubleClick(browser.find(By.id("book"))).perform();
        browser.awaitVisible("done");
        assertThat(browser.focusedId()).as("focus moves to the confirmation").isEqualTo("done-heading");
        String when = browser.find(By.id("done-when")).getText();
        assertThat(when)
                .contains(local(morning))
                .contains(String.valueOf(morningThere.getDayOfMonth()))
                .contains("Asia/Kolkata");
        assertThat(browser.find(By.id("done-next")).getText())
                .contains("text message")
                .contains(CLIENT_PHONE)
                .contains("confirm");
        browser.screenshot("05-confirmation");
        String bookingId = browser.find(By.id("done-reference")).getText();

        JsonNode booking = platform.call("GET", "/api/v1/bookings/" + bookingId, staff, null, 200);
        assertThat(booking.get("clientPhone").asString()).isEqualTo(CLIENT_PHONE);
        assertThat(booking.has("clientEmail")).as("booked with no email").isFalse();
        assertThat(booking.get("status").asString()).isEqualTo("pending");
        assertThat(Instant.parse(booking.get("startTime").asString())).isEqualTo(morning);
        assertThat(platform.call("GET", "/api/v1/sites/" + siteId + "/bookings", staff, null, 200)
                        .get("data"))
                .as("the double tap booked once")
                .hasSize(1);

        platform.call("PUT", "/api/v1/bookings/" + bookingId + "/confirm", staff, Map.of(), 200);
        List<JsonNode> reminders = await("a reminder is planned for the booking made on the page")
                .atMost(EVENTUALLY)
                .until(() -> platform.reminders(staff, bookingId), list -> !list.isEmpty());
        assertThat(reminders)
                .singleElement()
                .satisfies(r -> assertThat(r.get("status").asString()).isEqualTo("scheduled"));

        assertThat(browser.consoleErrors())
                .as("console errors of the booking page")
                .isEmpty();
    }

    @Test
    void aTimeTakenMeanwhileShowsTheNearestFreeOnes() throws Exception {
        Site site = newSiteWithThreeFreeTimes();
        String siteId = site.id();
        Instant halfHourLater = site.halfHourLater();
        Instant nextDay = site.nextDay();
        browser.open(platform.gateway() + "/book/" + siteId);
        browser.awaitSlots();
        String wanted = site.slotAt(halfHourLater);
        browser.slotButton(wanted).click();
        browser.awaitVisible("form-section");
        // the page's own checks pass, the API's name rule (letters only) does not: its detail lands next to the field
        browser.type("name", "Bea Page 2");
        browser.type("phone", "+15557654321");
        browser.find(By.id("book")).click();
        browser.awaitVisible("name-error");
        assertThat(browser.find(By.id("name-error")).getText()).startsWith("Use letters");
        assertThat(browser.focusedId()).isEqualTo("error-summary");
        assertThat(browser.find(By.id("phone-error")).isDisplayed()).isFalse();
        browser.type("name", "Bea Page");

        // someone else takes the last seat while the form is being filled in
        platform.bookAsMemberOfThePublic(siteId, wanted, "Carl Other", "carl@example.org", "+15550001111");
        browser.find(By.id("book")).click();

        browser.awaitVisible("alert");
        assertThat(browser.find(By.id("alert-text")).getText())
                .isEqualTo("That time was just taken — here are the nearest free ones:");
        assertThat(browser.focusedId()).as("focus moves to the message").isEqualTo("alert");
        List<WebElement> nearest = browser.findAll(By.cssSelector("#alert-slots button"));
        assertThat(nearest).extracting(b -> b.getAttribute("data-slot-id")).doesNotContain(wanted);
        assertThat(nearest)
                .extracting(WebElement::getText)
                .anySatisfy(text -> assertThat(text).contains(local(nextDay)));
        assertThat(browser.findAll(By.cssSelector("#days button[data-slot-id='" + wanted + "']")))
                .as("the refreshed list no longer offers the taken time")
                .isEmpty();
        browser.screenshot("06-time-taken");

        String other = site.slotAt(nextDay);
        browser.find(By.cssSelector("#alert-slots button[data-slot-id='" + other + "']"))
                .click();
        browser.awaitVisible("form-section");
        assertThat(browser.find(By.id("name")).getAttribute("value"))
                .as("the details are kept")
                .isEqualTo("Bea Page");
        browser.find(By.id("book")).click();
        browser.awaitVisible("done");
        assertThat(browser.find(By.id("done-when")).getText()).contains(local(nextDay));
        browser.screenshot("07-booked-another-time");

        assertThat(browser.consoleErrors())
                .as("the console shows the 400 and 409 answers (so it is read at all), and no other error")
                .isNotEmpty()
                .allSatisfy(entry -> assertThat(entry.getMessage())
                        .contains("/api/public/bookings")
                        .containsAnyOf("409", "400"));
    }

    @Test
    void theServedPageAllowsOnlyItsOwnAssetsAndTheApiKeepsItsStrictPolicy() throws Exception {
        String siteId = newSiteWithThreeFreeTimes().id();
        HttpResponse<String> page = get("/book/" + siteId);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                        + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-RateLimit-Limit"))
                .as("rate limited per IP")
                .isPresent();
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");

        HttpResponse<String> script = get("/assets/booking/book.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("javascript"));

        HttpResponse<String> api = get("/api/public/sites/" + siteId + "/info");
        assertThat(api.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
        assertThat(get("/assets/booking/../application.yml").statusCode()).isEqualTo(400);
        assertThat(get("/book/not-a-site").statusCode()).isEqualTo(404);
    }

    @Test
    void aGermanBrowserGetsTheGermanPage() throws Exception {
        Site site = newSiteWithThreeFreeTimes();
        String siteId = site.id();
        Instant morning = site.morning();
        try (Browser german = Browser.start("de-DE")) {
            german.open(platform.gateway() + "/book/" + siteId);
            german.awaitSlots();
            assertThat(german.find(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
            assertThat(german.find(By.id("slots-heading")).getText()).isEqualTo("Termin wählen");
            assertThat(german.find(By.cssSelector("#days section.day h3")).getText())
                    .contains(morning.atZone(KOLKATA).getMonth().getDisplayName(TextStyle.FULL, Locale.GERMAN));
            german.screenshot("08-german");
            assertThat(german.consoleErrors()).isEmpty();
        }
    }

    // ---------------------------------------------------------------- the steps

    private String local(Instant instant) {
        return TIME.format(instant.atZone(KOLKATA));
    }

    private Site newSiteWithThreeFreeTimes() throws Exception {
        String siteId = platform.createSite(staff, orgId, "Riverside clinic", KOLKATA);
        // The first time is two to three hours away: its reminder, one hour ahead, stays planned during the test.
        ZonedDateTime base =
                Instant.now().plus(Duration.ofHours(3)).atZone(KOLKATA).truncatedTo(ChronoUnit.HOURS);
        Instant morning = base.toInstant();
        Instant halfHourLater = base.plusMinutes(30).toInstant();
        Instant nextDay = base.plusDays(1).toInstant();
        Map<Instant, String> slots = Map.of(
                morning, platform.openSlot(staff, siteId, morning, 2),
                halfHourLater, platform.openSlot(staff, siteId, halfHourLater, 1),
                nextDay, platform.openSlot(staff, siteId, nextDay, 3));
        return new Site(siteId, morning, halfHourLater, nextDay, slots);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return platform.http()
                .send(
                        HttpRequest.newBuilder(URI.create(platform.gateway() + path))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------- the platform

    @BeforeAll
    void startThePlatformAndABrowser() throws Exception {
        browser = Browser.start("en-GB");
        platform = Platform.start(Platform.Settings.named("page"));
        String admin = platform.login(
                platform.settings().adminEmail(), platform.settings().adminPassword());
        orgId = platform.createOrganisation(admin, "Page Story Care Centre", KOLKATA);
        String staffEmail = "staff." + UUID.randomUUID() + "@page.scheduleright.local";
        String staffPassword = "Page-staff-" + UUID.randomUUID();
        platform.createStaffMember(admin, orgId, staffEmail, "Page Staff", staffPassword);
        staff = platform.login(staffEmail, staffPassword);
        platform.remindOneHourAheadWithoutCancellationNotice(staff, "Hi {{name}}, see you at {{site}} at {{time}}.");
    }

    @AfterAll
    void stopThePlatformAndTheBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (platform != null) {
            platform.close();
        }
    }
}
