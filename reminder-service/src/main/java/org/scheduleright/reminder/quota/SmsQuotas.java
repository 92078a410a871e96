package org.scheduleright.reminder.quota;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.scheduleright.reminder.reminder.domain.PhoneHasher;
import org.scheduleright.reminder.reminder.domain.PhoneNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The SMS quotas (per recipient number, per organisation per day, each organisation's fair share of the overall hourly
 * ceiling, overall per hour) and the per-user manual-send
 * limit as Bucket4j buckets in Redis, shared by all replicas; any Redis failure answers "unavailable" (fail closed).
 */
public class SmsQuotas implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmsQuotas.class);

    private static final Duration HOUR = Duration.ofHours(1);

    private static final Duration DAY = Duration.ofDays(1);

    private final RedisClient client;

    private final QuotaProperties properties;

    private final PhoneHasher hasher;

    private final MeterRegistry meters;

    private final Clock clock;

    private final BucketConfiguration recipient;

    private final BucketConfiguration orgDay;

    private final BucketConfiguration orgShare;

    private final BucketConfiguration overall;

    private final BucketConfiguration manual;

    private final Map<UUID, OrgUsage> orgUsage = new ConcurrentHashMap<>();

    private volatile double overallRatio;

    private volatile StatefulRedisConnection<byte[], byte[]> connection;

    private volatile AsyncProxyManager<String> buckets;

    /** The last known share of an organisation's daily budget in use, seen by this replica. */
    private record OrgUsage(double ratio, Instant seenAt) {}

    public SmsQuotas(
            String redisUrl, QuotaProperties properties, PhoneHasher hasher, MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.hasher = hasher;
        this.meters = meters;
        this.clock = clock;
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(properties.redisTimeout());
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(properties.redisTimeout())
                        .build())
                .build());
        this.recipient = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(properties.recipientPerHour())
                        .refillIntervally(properties.recipientPerHour(), HOUR))
                .addLimit(limit -> limit.capacity(properties.recipientPerDay())
                        .refillIntervally(properties.recipientPerDay(), DAY))
                .build();
        // counts the day's SMS up to the platform maximum; each organisation's own budget is compared with the count,
        // so that a changed budget applies at once and never resets what was used today
        this.orgDay = perWindow(properties.orgPerDayMax(), DAY);
        this.orgShare = perWindow(
                FairShare.perOrganisationHourly(properties.overallPerHour(), properties.orgSharePercent()), HOUR);
        this.overall = perWindow(properties.overallPerHour(), HOUR);
        this.manual = perWindow(properties.manualSendsPerHour(), HOUR);
        Gauge.builder("scheduleright.sms.quota.usage.ratio", this, SmsQuotas::highestOrgRatio)
                .description("Share of the daily SMS budget used by the busiest organisation seen in the last day")
                .tag("scope", "org")
                .register(meters);
        Gauge.builder("scheduleright.sms.quota.usage.ratio", this, quotas -> quotas.overallRatio)
                .description("Share of the hourly overall SMS quota in use")
                .tag("scope", "overall")
                .register(meters);
        // Registered up front so that dashboards and alerts read 0 rather than nothing before the first event.
        for (String scope : List.of("recipient", "org", "org_share", "overall")) {
            meters.counter("scheduleright.sms.quota.rejections", "scope", scope);
        }
        meters.counter("scheduleright.sms.quota.unavailable");
        meters.counter("scheduleright.sms.quota.warnings", "scope", "org");
    }

    private static BucketConfiguration perWindow(long capacity, Duration window) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillIntervally(capacity, window))
                .build();
    }

    /**
     * One quota an SMS is taken from: its scope name, bucket key and limits, who watches its level, and whether a
     * consumed unit stays within the scope's limit.
     */
    private record Step(
            String scope,
            String key,
            BucketConfiguration configuration,
            Consumer<ConsumptionProbe> seen,
            Predicate<ConsumptionProbe> within) {

        Step(String scope, String key, BucketConfiguration configuration, Consumer<ConsumptionProbe> seen) {
            this(scope, key, configuration, seen, probe -> true);
        }
    }

    /** Takes one SMS like {@link #acquire(UUID, Integer, PhoneNumber)} for an organisation that chose no budget. */
    public Mono<QuotaDecision> acquire(UUID orgId, PhoneNumber to) {
        return acquire(orgId, null, to);
    }

    /**
     * Takes one SMS from the recipient's quota, the organisation's daily budget, the organisation's fair share of the
     * overall hourly ceiling and the overall quota, in that order; when one is used up, the units already taken are
     * given back and the answer names the exhausted scope.
     *
     * @param chosenBudget the daily budget of the organisation's reminder settings, null for the platform default;
     *     never above the platform maximum ({@link DailyBudget#effective})
     */
    public Mono<QuotaDecision> acquire(UUID orgId, Integer chosenBudget, PhoneNumber to) {
        long budget = DailyBudget.effective(chosenBudget, properties.orgPerDay(), properties.orgPerDayMax());
        List<Step> steps = List.of(
                new Step("recipient", "recipient:" + hasher.hash(to), recipient, probe -> {}),
                new Step(
                        "org",
                        "org:" + orgId,
                        orgDay,
                        probe -> noteOrgUsage(orgId, budget, usedToday(probe), probe.isConsumed()),
                        probe -> usedToday(probe) <= budget),
                new Step("org_share", "org-hour:" + orgId, orgShare, probe -> {}),
                new Step(
                        "overall",
                        "overall",
                        overall,
                        probe -> overallRatio = ratio(properties.overallPerHour(), probe.getRemainingTokens())));
        return Mono.defer(() -> take(steps, 0)).onErrorResume(error -> {
            meters.counter("scheduleright.sms.quota.unavailable").increment();
            log.warn(
                    "SMS quotas could not be checked ({}); nothing is sent until they can",
                    error.getClass().getSimpleName());
            return Mono.just(new QuotaDecision.Unavailable());
        });
    }

    private Mono<QuotaDecision> take(List<Step> steps, int next) {
        if (next == steps.size()) {
            return Mono.just(new QuotaDecision.Allowed());
        }
        Step step = steps.get(next);
        return consume(step.key(), step.configuration()).flatMap(probe -> {
            step.seen().accept(probe);
            if (probe.isConsumed() && step.within().test(probe)) {
                return take(steps, next + 1);
            }
            // a unit taken beyond the scope's own limit is given back with the others
            return Flux.fromIterable(steps.subList(0, probe.isConsumed() ? next + 1 : next))
                    .concatMap(taken -> refund(taken.key(), taken.configuration()))
                    .then(Mono.fromSupplier(() -> rejected(step.scope())));
        });
    }

    /** How much later a reminder is tried again when the quotas could not be checked. */
    public Duration unavailableRetry() {
        return properties.unavailableRetry();
    }

    /** Counts one manual-send request of a user against the per-user hourly limit. */
    public Mono<RateLimitProbe> tryManualSend(String userId) {
        long limit = properties.manualSendsPerHour();
        return consume("user:" + userId, manual)
                .map(probe -> new RateLimitProbe(
                        probe.isConsumed(),
                        limit,
                        probe.getRemainingTokens(),
                        seconds(probe.getNanosToWaitForReset()),
                        probe.isConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill()))));
    }

    private QuotaDecision rejected(String scope) {
        meters.counter("scheduleright.sms.quota.rejections", "scope", scope).increment();
        return new QuotaDecision.Exceeded(scope);
    }

    private long usedToday(ConsumptionProbe probe) {
        return properties.orgPerDayMax() - probe.getRemainingTokens();
    }

    /**
     * Keeps the organisation's usage for the gauge and, when this SMS crossed the warning ratio of its budget, counts
     * and logs it once (org id and percentage only).
     */
    private void noteOrgUsage(UUID orgId, long budget, long used, boolean consumed) {
        orgUsage.put(orgId, new OrgUsage(Math.min(1.0, (double) used / budget), clock.instant()));
        if (consumed && DailyBudget.crossesWarning(budget, used, properties.warnRatio())) {
            meters.counter("scheduleright.sms.quota.warnings", "scope", "org").increment();
            log.warn(
                    "Organisation {} has used {}% of its daily SMS budget of {}",
                    orgId, Math.round(100.0 * used / budget), budget);
        }
    }

    private double highestOrgRatio() {
        Instant dayAgo = clock.instant().minus(DAY);
        orgUsage.values().removeIf(usage -> usage.seenAt().isBefore(dayAgo));
        return orgUsage.values().stream().mapToDouble(OrgUsage::ratio).max().orElse(0);
    }

    private static double ratio(long capacity, long remaining) {
        return (double) (capacity - remaining) / capacity;
    }

    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }

    private Mono<ConsumptionProbe> consume(String key, BucketConfiguration configuration) {
        return bucket(key, configuration)
                .flatMap(bucket -> Mono.fromFuture(() -> bucket.tryConsumeAndReturnRemaining(1))
                        .timeout(properties.redisTimeout()));
    }

    private Mono<Void> refund(String key, BucketConfiguration configuration) {
        return bucket(key, configuration)
                .flatMap(bucket -> Mono.fromFuture(() -> bucket.addTokens(1)).timeout(properties.redisTimeout()))
                .then();
    }

    private Mono<AsyncBucketProxy> bucket(String key, BucketConfiguration configuration) {
        return manager()
                .map(manager -> manager.builder()
                        .withImplicitConfigurationReplacement(version(configuration), TokensInheritanceStrategy.AS_IS)
                        .build(properties.keyPrefix() + key, () -> CompletableFuture.completedFuture(configuration)));
    }

    private static long version(BucketConfiguration configuration) {
        return Math.abs((long) Objects.hash(Arrays.stream(configuration.getBandwidths())
                .map(bandwidth -> bandwidth.getCapacity() + "/" + bandwidth.getRefillPeriodNanos())
                .toList()));
    }

    private Mono<AsyncProxyManager<String>> manager() {
        AsyncProxyManager<String> current = buckets;
        if (current != null) {
            return Mono.just(current);
        }
        return Mono.fromCallable(this::connect).subscribeOn(Schedulers.boundedElastic());
    }

    private synchronized AsyncProxyManager<String> connect() {
        if (buckets == null) {
            StatefulRedisConnection<byte[], byte[]> opened = client.connect(ByteArrayCodec.INSTANCE);
            connection = opened;
            buckets = Bucket4jLettuce.casBasedBuilder(opened)
                    .expirationAfterWrite(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                    .build()
                    .asAsync()
                    .withMapper((String key) -> key.getBytes(StandardCharsets.UTF_8));
        }
        return buckets;
    }

    @Override
    public void close() {
        StatefulRedisConnection<byte[], byte[]> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown();
    }
}
