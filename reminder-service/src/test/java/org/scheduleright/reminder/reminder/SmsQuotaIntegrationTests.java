package org.scheduleright.reminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.scheduleright.events.booking.BookingStatus;
import org.scheduleright.platform.testing.TcpProxy;
import org.scheduleright.platform.testing.TestInfrastructure;
import org.scheduleright.reminder.ReminderIntegrationTest;
import org.scheduleright.reminder.booking.persistence.KnownBooking;
import org.scheduleright.reminder.booking.persistence.KnownBookings;
import org.scheduleright.reminder.quota.QuotaDecision;
import org.scheduleright.reminder.quota.QuotaProperties;
import org.scheduleright.reminder.quota.SmsQuotas;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.scheduleright.reminder.reminder.domain.PlannedReminder;
import org.scheduleright.reminder.reminder.domain.ReminderSettings;
import org.scheduleright.reminder.reminder.domain.ReminderStatus;
import org.scheduleright.reminder.reminder.messaging.ReminderEvents;
import org.scheduleright.reminder.reminder.persistence.ReminderRow;
import org.scheduleright.reminder.reminder.persistence.Reminders;
import org.scheduleright.reminder.settings.persistence.OrgReminderSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The dispatcher takes every SMS from Redis-backed quotas shared by all replicas, and sends nothing without Redis. */
class SmsQuotaIntegrationTests extends ReminderIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    Reminders reminders;

    @Autowired
    KnownBookings bookings;

    @Autowired
    OrgReminderSettings settings;

    @Autowired
    ReminderEvents events;

    @Autowired
    ReactiveStringRedisTemplate redis;

    private final MeterRegistry meters = new SimpleMeterRegistry();

    private static QuotaProperties limits(String prefix, long perRecipientHour, long perOrgDay, long overallHour) {
        return new QuotaProperties(
                prefix,
                perRecipientHour,
                10,
                perOrgDay,
                1000,
                overallHour,
                100,
                0.8,
                10,
                Duration.ofSeconds(5),
                Duration.ofMinutes(1));
    }

    private static String prefix() {
        return "quota-test:" + UUID.randomUUID() + ":";
    }

    private SmsDispatcher dispatcher(SmsQuotas quotas) {
        return new ExtraDispatchers(context).create("quota-worker", sms, quotas, meters);
    }

    private static String randomNumber() {
        return "+3361" + ThreadLocalRandom.current().nextInt(1000000, 9999999);
    }

    /** Stores a confirmed booking of the organisation and one reminder of it that is already due. */
    private UUID dueReminder(UUID orgId, String phone) {
        Instant now = Instant.now();
        Instant start = now.plus(Duration.ofHours(5));
        KnownBooking booking = new KnownBooking(
                UUID.randomUUID(),
                orgId,
                UUID.randomUUID(),
                BookingStatus.CONFIRMED,
                start,
                start.plus(Duration.ofMinutes(30)),
                ZoneId.of("Europe/Paris"),
                null,
                CIPHER.encrypt(client(phone)),
                now,
                UUID.randomUUID());
        return bookings.save(booking, now)
                .then(reminders.plan(
                        booking.bookingId(),
                        orgId,
                        start,
                        new PlannedReminder(6, now.minusSeconds(60), ReminderStatus.SCHEDULED, null),
                        now,
                        null))
                .block();
    }

    /** Sends the given due reminders one after the other, each in its own dispatch round. */
    private void sendInOrder(SmsDispatcher dispatcher, List<UUID> ids) {
        Flux.fromIterable(ids)
                .concatMap(id -> Mono.defer(dispatcher::dispatchDue))
                .blockLast();
    }

    private ReminderRow row(UUID id) {
        return reminders.find(id).block();
    }

    /**
     * Issue 14 item 4: with an overall ceiling of 10 an hour and a 40 % share, one organisation sends 4 SMS an hour and
     * the 5th is refused as {@code org_share}, while the other organisations' SMS still go out; the refused one takes
     * nothing from the overall ceiling.
     */
    @Test
    void oneOrganisationUsesAtMostItsShareOfTheOverallCeiling() {
        QuotaProperties shared = new QuotaProperties(
                prefix(), 100, 100, 1000, 1000, 10, 40, 0.8, 10, Duration.ofSeconds(5), Duration.ofMinutes(1));
        UUID greedy = UUID.randomUUID();
        try (SmsQuotas quotas =
                new SmsQuotas(TestInfrastructure.redisUrl(), shared, phoneHasher, meters, Clock.systemUTC())) {
            List<QuotaDecision> greedyDecisions = Flux.range(0, 6)
                    .concatMap(i -> quotas.acquire(greedy, new PhoneNumber(randomNumber())))
                    .collectList()
                    .block();
            List<QuotaDecision> othersDecisions = Flux.range(0, 6)
                    .concatMap(i -> quotas.acquire(UUID.randomUUID(), new PhoneNumber(randomNumber())))
                    .collectList()
                    .block();

            assertThat(greedyDecisions)
                    .containsExactly(
                            new QuotaDecision.Allowed(),
                            new QuotaDecision.Allowed(),
                            new QuotaDecision.Allowed(),
                            new QuotaDecision.Allowed(),
                            new QuotaDecision.Exceeded("org_share"),
                            new QuotaDecision.Exceeded("org_share"));
            assertThat(othersDecisions).containsOnly(new QuotaDecision.Allowed());
            assertThat(quotas.acquire(UUID.randomUUID(), new PhoneNumber(randomNumber()))
                            .block())
                    .isEqualTo(new QuotaDecision.Exceeded("overall"));
        }
    }

    @Test
    void skipsTheFourthSmsToOneNumberWithinAnHour() {
        String phone = randomNumber();
        try (SmsQuotas quotas = new SmsQuotas(
                TestInfrastructure.redisUrl(), limits(prefix(), 3, 100, 100), phoneHasher, meters, Clock.systemUTC())) {
            List<UUID> ids = List.of(
                    dueReminder(UUID.randomUUID(), phone),
                    dueReminder(UUID.randomUUID(), phone),
                    dueReminder(UUID.randomUUID(), phone),
                    dueReminder(UUID.randomUUID(), phone));
            SmsDispatcher dispatcher = dispatcher(quotas);
            Flux.range(0, 4).concatMap(i -> Mono.defer(dispatcher::dispatchDue)).blockLast();

            assertThat(ids)
                    .extracting(id -> row(id).status())
                    .filteredOn(ReminderStatus.SENT::equals)
                    .hasSize(3);
            assertThat(ids)
                    .extracting(this::row)
                    .filteredOn(row -> row.status() == ReminderStatus.SKIPPED)
                    .singleElement()
                    .satisfies(row -> assertThat(row.reason()).isEqualTo("quota"))
                    .satisfies(row -> assertThat(sms.sendsOf(row.id())).isZero());
            assertThat(meters.counter("scheduleright.sms.quota.rejections", "scope", "recipient")
                            .count())
                    .isEqualTo(1.0);
        }
    }

    @Test
    void skipsSmsBeyondTheOrganisationsDailyBudgetAndReportsItsUsage() {
        UUID org = UUID.randomUUID();
        try (SmsQuotas quotas = new SmsQuotas(
                TestInfrastructure.redisUrl(), limits(prefix(), 3, 2, 100), phoneHasher, meters, Clock.systemUTC())) {
            List<UUID> ids = List.of(
                    dueReminder(org, randomNumber()),
                    dueReminder(org, randomNumber()),
                    dueReminder(org, randomNumber()));
            SmsDispatcher dispatcher = dispatcher(quotas);
            sendInOrder(dispatcher, ids);

            assertThat(ids)
                    .extracting(id -> row(id).status())
                    .filteredOn(ReminderStatus.SENT::equals)
                    .hasSize(2);
            assertThat(ids).extracting(id -> row(id).reason()).contains("quota");
            assertThat(meters.counter("scheduleright.sms.quota.rejections", "scope", "org")
                            .count())
                    .isEqualTo(1.0);
            assertThat(meters.get("scheduleright.sms.quota.usage.ratio")
                            .tag("scope", "org")
                            .gauge()
                            .value())
                    .isEqualTo(1.0);
        }
    }

    @Test
    void skipsSmsBeyondTheOverallHourlyQuotaAndGivesBackWhatOtherScopesTook() {
        String phone = randomNumber();
        UUID org = UUID.randomUUID();
        try (SmsQuotas quotas = new SmsQuotas(
                TestInfrastructure.redisUrl(), limits(prefix(), 3, 100, 2), phoneHasher, meters, Clock.systemUTC())) {
            assertThat(quotas.acquire(UUID.randomUUID(), new PhoneNumber(randomNumber()))
                            .block())
                    .isInstanceOf(QuotaDecision.Allowed.class);
            assertThat(quotas.acquire(org, new PhoneNumber(phone)).block()).isInstanceOf(QuotaDecision.Allowed.class);
            assertThat(quotas.acquire(org, new PhoneNumber(phone)).block())
                    .isEqualTo(new QuotaDecision.Exceeded("overall"));
            assertThat(quotas.acquire(org, new PhoneNumber(phone)).block())
                    .isEqualTo(new QuotaDecision.Exceeded("overall"));
            assertThat(meters.get("scheduleright.sms.quota.usage.ratio")
                            .tag("scope", "overall")
                            .gauge()
                            .value())
                    .isEqualTo(1.0);
        }
        // Same namespace is not reused: a fresh quota for the same number shows the refunds did not leak across.
        try (SmsQuotas roomy = new SmsQuotas(
                TestInfrastructure.redisUrl(), limits(prefix(), 1, 100, 100), phoneHasher, meters, Clock.systemUTC())) {
            UUID id = dueReminder(org, phone);
            dispatcher(roomy).dispatchDue().block();
            assertThat(row(id).status()).isEqualTo(ReminderStatus.SENT);
        }
    }

    @Test
    void refundsTheRecipientQuotaWhenALaterScopeIsExhausted() {
        String phone = randomNumber();
        try (SmsQuotas quotas = new SmsQuotas(
                TestInfrastructure.redisUrl(), limits(prefix(), 1, 1, 100), phoneHasher, meters, Clock.systemUTC())) {
            UUID busyOrg = UUID.randomUUID();
            assertThat(quotas.acquire(busyOrg, new PhoneNumber(randomNumber())).block())
                    .isInstanceOf(QuotaDecision.Allowed.class);
            assertThat(quotas.acquire(busyOrg, new PhoneNumber(phone)).block())
                    .isEqualTo(new QuotaDecision.Exceeded("org"));
            assertThat(quotas.acquire(UUID.randomUUID(), new PhoneNumber(phone)).block())
                    .as("the recipient's single SMS was given back when the org refused")
                    .isInstanceOf(QuotaDecision.Allowed.class);
        }
    }

    @Test
    void keysRecipientsByAHashNeverByTheNumber() {
        String phone = randomNumber();
        String prefix = prefix();
        try (SmsQuotas quotas = new SmsQuotas(
                TestInfrastructure.redisUrl(), limits(prefix, 3, 100, 100), phoneHasher, meters, Clock.systemUTC())) {
            quotas.acquire(UUID.randomUUID(), new PhoneNumber(phone)).block();
            List<String> keys = redis.keys(prefix + "*").collectList().block();
            assertThat(keys)
                    .contains(prefix + "recipient:" + phoneHasher.hash(new PhoneNumber(phone)))
                    .noneMatch(key -> key.contains(phone.substring(1)));
        }
    }

    @Test
    void sendsNothingWhileRedisIsUnreachableAndRetriesTheReminderLater() {
        URI redisUri = URI.create(TestInfrastructure.redisUrl());
        try (TcpProxy proxy = new TcpProxy(redisUri.getHost(), redisUri.getPort());
                SmsQuotas quotas = new SmsQuotas(
                        "redis://127.0.0.1:" + proxy.port(),
                        limits(prefix(), 3, 100, 100),
                        phoneHasher,
                        meters,
                        Clock.systemUTC())) {
            assertThat(quotas.acquire(UUID.randomUUID(), new PhoneNumber(randomNumber()))
                            .block())
                    .isInstanceOf(QuotaDecision.Allowed.class);
            proxy.cut();
            UUID id = dueReminder(UUID.randomUUID(), randomNumber());
            Instant before = Instant.now();

            dispatcher(quotas).dispatchDue().block();

            ReminderRow deferred = row(id);
            assertThat(deferred.status()).isEqualTo(ReminderStatus.SCHEDULED);
            assertThat(deferred.plannedAt()).isAfter(before.plus(Duration.ofSeconds(50)));
            assertThat(sms.sendsOf(id)).isZero();
            assertThat(meters.counter("scheduleright.sms.quota.unavailable").count())
                    .isPositive();

            proxy.restore();
            await().atMost(Duration.ofSeconds(45))
                    .until(() -> quotas.acquire(UUID.randomUUID(), new PhoneNumber(randomNumber()))
                                    .block()
                            instanceof QuotaDecision.Allowed);
        }
    }

    private void chooseBudget(UUID orgId, int budget) {
        ReminderSettings defaults = ReminderSettings.DEFAULT;
        settings.save(
                        orgId,
                        new ReminderSettings(
                                defaults.enabled(),
                                defaults.leadTimesHours(),
                                defaults.template(),
                                false,
                                defaults.quietHours(),
                                budget),
                        Instant.now())
                .block();
    }

    /** Issue 17 item 4: each organisation spends the budget of its own settings, not the platform default. */
    @Test
    void spendsEachOrganisationsOwnDailyBudgetFromItsSettings() {
        UUID frugal = UUID.randomUUID();
        UUID generous = UUID.randomUUID();
        chooseBudget(frugal, 2);
        chooseBudget(generous, 4);
        try (SmsQuotas quotas = new SmsQuotas(
                TestInfrastructure.redisUrl(), limits(prefix(), 3, 3, 100), phoneHasher, meters, Clock.systemUTC())) {
            List<UUID> frugalIds = List.of(
                    dueReminder(frugal, randomNumber()),
                    dueReminder(frugal, randomNumber()),
                    dueReminder(frugal, randomNumber()));
            List<UUID> generousIds = List.of(
                    dueReminder(generous, randomNumber()),
                    dueReminder(generous, randomNumber()),
                    dueReminder(generous, randomNumber()),
                    dueReminder(generous, randomNumber()));
            SmsDispatcher dispatcher = dispatcher(quotas);
            sendInOrder(dispatcher, frugalIds);
            sendInOrder(dispatcher, generousIds);

            assertThat(frugalIds)
                    .extracting(this::row)
                    .extracting(ReminderRow::status, ReminderRow::reason)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(ReminderStatus.SENT, null),
                            org.assertj.core.groups.Tuple.tuple(ReminderStatus.SENT, null),
                            org.assertj.core.groups.Tuple.tuple(ReminderStatus.SKIPPED, "quota"));
            assertThat(generousIds)
                    .as("4 of its own budget, above the platform default of 3")
                    .extracting(id -> row(id).status())
                    .containsOnly(ReminderStatus.SENT);
        }
    }

    /** A budget changed during the day applies at once and never forgets what was already sent that day. */
    @Test
    void appliesAChangedBudgetAtOnceAndKeepsTheDaysCount() {
        UUID org = UUID.randomUUID();
        try (SmsQuotas quotas = new SmsQuotas(
                TestInfrastructure.redisUrl(),
                limits(prefix(), 100, 50, 100),
                phoneHasher,
                meters,
                Clock.systemUTC())) {
            for (int i = 0; i < 3; i++) {
                assertThat(quotas.acquire(org, 5, new PhoneNumber(randomNumber()))
                                .block())
                        .isEqualTo(new QuotaDecision.Allowed());
            }
            assertThat(quotas.acquire(org, 3, new PhoneNumber(randomNumber())).block())
                    .as("lowered to the 3 already sent")
                    .isEqualTo(new QuotaDecision.Exceeded("org"));
            assertThat(quotas.acquire(org, 4, new PhoneNumber(randomNumber())).block())
                    .as("raised again: the refused SMS took nothing, one more fits")
                    .isEqualTo(new QuotaDecision.Allowed());
            assertThat(quotas.acquire(org, 4, new PhoneNumber(randomNumber())).block())
                    .isEqualTo(new QuotaDecision.Exceeded("org"));
            assertThat(quotas.acquire(org, 5000, new PhoneNumber(randomNumber()))
                            .block())
                    .as("a budget above the platform maximum of 1000 is capped, not refused")
                    .isEqualTo(new QuotaDecision.Allowed());
        }
    }

    /** Issue 17 item 4: crossing 80 % of an organisation's budget warns exactly once. */
    @Test
    void warnsOnceWhenAnOrganisationCrossesEightyPercentOfItsBudget() {
        UUID org = UUID.randomUUID();
        try (SmsQuotas quotas = new SmsQuotas(
                TestInfrastructure.redisUrl(),
                limits(prefix(), 100, 50, 100),
                phoneHasher,
                meters,
                Clock.systemUTC())) {
            List<Double> warningsAfterEach = Flux.range(0, 6)
                    .concatMap(i -> quotas.acquire(org, 5, new PhoneNumber(randomNumber())))
                    .map(decision -> meters.counter("scheduleright.sms.quota.warnings", "scope", "org")
                            .count())
                    .collectList()
                    .block();

            // SMS 1-3 stay below 80 % of 5, the 4th reaches it, the 5th fills the budget, the 6th is refused.
            assertThat(warningsAfterEach).containsExactly(0.0, 0.0, 0.0, 1.0, 1.0, 1.0);
            assertThat(meters.get("scheduleright.sms.quota.usage.ratio")
                            .tag("scope", "org")
                            .gauge()
                            .value())
                    .isEqualTo(1.0);
        }
    }
}
