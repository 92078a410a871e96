package org.scheduleright.gateway.ratelimit;

import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.scheduleright.gateway.edge.TrustedProxies;
import org.scheduleright.platform.error.ErrorCode;
import org.scheduleright.platform.error.ErrorResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies the contract's rate limits before anything else runs: the standard limit per client IP on every path
 * except the operational probes, plus the auth or public limit per IP and the reminder-send limit per user. Every
 * limited response carries {@code X-RateLimit-*} and the IETF {@code RateLimit-Policy}/{@code RateLimit} fields; a
 * refusal is a 429 with {@code Retry-After}. When Redis cannot be asked, fail-closed limits answer 503 and fail-open
 * ones let the request through, logging and counting the outage.
 */
class RateLimitFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final Set<String> EXEMPT = Set.of("/health", "/readiness", "/status", "/metrics");
    private static final long OUTAGE_LOG_INTERVAL_MS = 60_000;

    private final RedisBuckets buckets;
    private final TrustedProxies trustedProxies;
    private final ErrorResponses errors;
    private final MeterRegistry registry;
    private final Limit standard;
    private final Limit auth;
    private final Limit publicBooking;
    private final Limit reminderSends;
    private final AtomicLong lastOutageLog = new AtomicLong();

    RateLimitFilter(
            RedisBuckets buckets,
            RateLimitProperties properties,
            TrustedProxies trustedProxies,
            ErrorResponses errors,
            MeterRegistry registry) {
        this.buckets = buckets;
        this.trustedProxies = trustedProxies;
        this.errors = errors;
        this.registry = registry;
        this.standard = new Limit("standard", properties.standard(), properties.window(), false);
        this.auth = new Limit("auth", properties.auth(), properties.window(), true);
        this.publicBooking = new Limit("public", properties.publicBooking(), properties.window(), false);
        this.reminderSends =
                new Limit("reminder-send", properties.reminderSends(), properties.reminderSendWindow(), true);
        // registered up front so that dashboards and alerts see 0 rather than no series before the first event
        for (Limit limit : List.of(standard, auth, publicBooking, reminderSends)) {
            rejections(limit);
            unavailable(limit);
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (EXEMPT.contains(path)) {
            return chain.filter(exchange);
        }
        String ip = trustedProxies.clientAddress(request);
        List<Mono<Decision>> checks = new ArrayList<>();
        checks.add(check(standard, "ip:" + ip));
        if (path.startsWith("/api/v1/auth/")) {
            checks.add(check(auth, "ip:" + ip));
        } else if (path.startsWith("/api/public/")) {
            checks.add(check(publicBooking, "ip:" + ip));
        } else if (request.getMethod() == HttpMethod.POST && path.equals("/api/v1/reminders/send")) {
            checks.add(check(reminderSends, userOf(request, ip)));
        }
        return Flux.mergeSequential(checks).collectList().flatMap(decisions -> {
            decisions.stream().filter(Decision::unavailable).forEach(this::outage);
            List<Decision> known =
                    decisions.stream().filter(d -> !d.unavailable()).toList();
            if (!known.isEmpty()) {
                writeHeaders(exchange.getResponse().getHeaders(), known);
            }
            Decision closed = decisions.stream()
                    .filter(d -> d.unavailable() && !d.allowed())
                    .findFirst()
                    .orElse(null);
            if (closed != null) {
                return errors.write(
                        exchange, ErrorCode.SERVICE_UNAVAILABLE, "Rate limiting is temporarily unavailable");
            }
            Decision refused = known.stream()
                    .filter(d -> !d.allowed())
                    .max(Comparator.comparingLong(Decision::retryAfterSeconds))
                    .orElse(null);
            if (refused != null) {
                rejections(refused.limit()).increment();
                exchange.getResponse()
                        .getHeaders()
                        .set(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
                return errors.write(exchange, ErrorCode.RATE_LIMIT_EXCEEDED, "Too many requests; retry later");
            }
            return chain.filter(exchange);
        });
    }

    private Mono<Decision> check(Limit limit, String subject) {
        return buckets.consume(limit, subject).onErrorResume(e -> Mono.just(Decision.unavailable(limit)));
    }

    private static void writeHeaders(HttpHeaders headers, List<Decision> decisions) {
        Decision tightest = decisions.stream()
                .min(Comparator.comparing((Decision d) -> d.allowed()).thenComparingLong(Decision::remaining))
                .orElseThrow();
        headers.set("X-RateLimit-Limit", Long.toString(tightest.limit().capacity()));
        headers.set("X-RateLimit-Remaining", Long.toString(tightest.remaining()));
        headers.set("X-RateLimit-Reset", Long.toString(tightest.resetSeconds()));
        headers.set(
                "RateLimit-Policy",
                decisions.stream().map(d -> d.limit().policy()).collect(Collectors.joining(", ")));
        long t = tightest.allowed() ? tightest.resetSeconds() : tightest.retryAfterSeconds();
        headers.set("RateLimit", "\"" + tightest.limit().name() + "\";r=" + tightest.remaining() + ";t=" + t);
    }

    /** The user a reminder send is counted against: the token's subject, checked for real by the bearer filter. */
    private static String userOf(ServerHttpRequest request, String ip) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() < 8192) {
            try {
                String subject = SignedJWT.parse(header.substring(7).trim())
                        .getJWTClaimsSet()
                        .getSubject();
                if (subject != null && subject.matches("[A-Za-z0-9-]{1,64}")) {
                    return "user:" + subject;
                }
            } catch (ParseException | RuntimeException e) {
                return "ip:" + ip;
            }
        }
        return "ip:" + ip;
    }

    private void outage(Decision decision) {
        unavailable(decision.limit()).increment();
        long now = System.currentTimeMillis();
        long last = lastOutageLog.get();
        if (now - last > OUTAGE_LOG_INTERVAL_MS && lastOutageLog.compareAndSet(last, now)) {
            log.error(
                    "Redis is unavailable for rate limiting; fail-open limits let requests through,"
                            + " fail-closed limits answer 503 (limit {})",
                    decision.limit().name());
        }
    }

    private Counter unavailable(Limit limit) {
        return Counter.builder("scheduleright.ratelimit.unavailable")
                .description("Rate-limit checks that could not reach Redis")
                .tag("limit", limit.name())
                .register(registry);
    }

    private Counter rejections(Limit limit) {
        return Counter.builder("scheduleright.ratelimit.rejections")
                .description("Requests refused by a rate limit")
                .tag("limit", limit.name())
                .register(registry);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 3;
    }
}
