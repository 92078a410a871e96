package org.scheduleright.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.scheduleright.gateway.edge.TrustedProxies;
import org.scheduleright.platform.auth.AuthenticatedUser;
import org.scheduleright.platform.auth.BearerTokenFilter;
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
import reactor.core.publisher.Mono;

/**
 * Applies the contract's rate limits before anything else runs: the standard limit per client IP on every path
 * except the operational probes, plus the auth or public limit per IP and (in {@link #perUser()}, after the token is
 * verified) the reminder-send limit per user. Every
 * limited response carries {@code X-RateLimit-*} and the IETF {@code RateLimit-Policy}/{@code RateLimit} fields; a
 * refusal is a 429 with {@code Retry-After}. When Redis cannot be asked, fail-closed limits answer 503 and fail-open
 * ones let the request through, logging and counting the outage.
 */
class RateLimitFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final Set<String> EXEMPT = Set.of("/health", "/readiness", "/status", "/metrics");
    private static final long OUTAGE_LOG_INTERVAL_MS = 60_000;
    /** The decisions of this request's checks so far, so that a later check's headers list them all. */
    private static final String DECISIONS = RateLimitFilter.class.getName() + ".decisions";

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
        // CanonicalPaths has already refused every other spelling: this is the path the routes and handlers match
        String path = request.getPath().pathWithinApplication().value();
        if (EXEMPT.contains(path)) {
            return chain.filter(exchange);
        }
        String ip = trustedProxies.clientAddress(request);
        Mono<Decision> byIp = check(standard, "ip:" + ip);
        Limit route = routeLimit(path);
        Mono<List<Decision>> decisions =
                route == null ? byIp.map(List::of) : byIp.zipWith(check(route, "ip:" + ip), List::of);
        return decisions.flatMap(fresh -> decide(exchange, chain, List.of(), fresh));
    }

    /** The per-IP limit of a route family, besides the standard one: auth, public booking, or none. */
    private Limit routeLimit(String path) {
        return path.startsWith("/api/v1/auth/") ? auth : path.startsWith("/api/public/") ? publicBooking : null;
    }

    /** The limits a request counts against, in the order its {@code RateLimit-Policy} lists them (none: exempt). */
    List<Limit> limitsFor(HttpMethod method, String path) {
        if (EXEMPT.contains(path)) {
            return List.of();
        }
        List<Limit> limits = new ArrayList<>(List.of(standard));
        Limit route = routeLimit(path);
        if (route != null) {
            limits.add(route);
        }
        if (method == HttpMethod.POST && path.equals("/api/v1/reminders/send")) {
            limits.add(reminderSends);
        }
        return limits;
    }

    /**
     * The reminder-send limit, counted per user: it runs after the bearer-token filter, so the subject is the verified
     * caller of the token, never a claim read from an unverified one (a forged token naming a victim is refused with
     * 401 before it could count against the victim).
     */
    WebFilter perUser() {
        return new PerUser();
    }

    private final class PerUser implements WebFilter, Ordered {
        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            ServerHttpRequest request = exchange.getRequest();
            AuthenticatedUser user = exchange.getAttribute(BearerTokenFilter.USER_ATTRIBUTE);
            if (user == null
                    || request.getMethod() != HttpMethod.POST
                    || !request.getPath().pathWithinApplication().value().equals("/api/v1/reminders/send")) {
                return chain.filter(exchange);
            }
            List<Decision> earlier = exchange.getAttributeOrDefault(DECISIONS, List.of());
            return check(reminderSends, "user:" + user.userId())
                    .flatMap(decision -> decide(exchange, chain, earlier, List.of(decision)));
        }

        @Override
        public int getOrder() {
            return -49; // right after the platform's BearerTokenFilter (@Order(-50))
        }
    }

    /**
     * Answers from the decisions of this request's checks: {@code earlier} ones (already answered for, so their
     * outages are not counted again) and {@code fresh} ones; the headers list them all.
     */
    private Mono<Void> decide(
            ServerWebExchange exchange, WebFilterChain chain, List<Decision> earlier, List<Decision> fresh) {
        List<Decision> decisions = earlier.isEmpty()
                ? fresh
                : java.util.stream.Stream.concat(earlier.stream(), fresh.stream())
                        .toList();
        exchange.getAttributes().put(DECISIONS, decisions);
        fresh.stream().filter(Decision::unavailable).forEach(this::outage);
        List<Decision> known = new ArrayList<>(decisions.size());
        Decision closed = null;
        Decision refused = null;
        for (Decision decision : decisions) {
            if (decision.unavailable()) {
                if (!decision.allowed() && closed == null) {
                    closed = decision;
                }
            } else {
                known.add(decision);
                if (!decision.allowed()
                        && (refused == null || decision.retryAfterSeconds() > refused.retryAfterSeconds())) {
                    refused = decision;
                }
            }
        }
        if (!known.isEmpty()) {
            writeHeaders(exchange.getResponse().getHeaders(), known);
        }
        if (closed != null) {
            return errors.write(exchange, ErrorCode.SERVICE_UNAVAILABLE, "Rate limiting is temporarily unavailable");
        }
        if (refused != null) {
            rejections(refused.limit()).increment();
            exchange.getResponse()
                    .getHeaders()
                    .set(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
            return errors.write(exchange, ErrorCode.RATE_LIMIT_EXCEEDED, "Too many requests; retry later");
        }
        return chain.filter(exchange);
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
        return Ordered.HIGHEST_PRECEDENCE + 4;
    }
}
