package org.scheduleright.gateway.token;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads the key ring before the server accepts requests (creating the first key if needed), then periodically
 * re-reads it, rotates it when due, and refreshes the gauge of active refresh-token families.
 */
class KeyRingMaintenance implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KeyRingMaintenance.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final KeyRing keyRing;
    private final RefreshTokens refreshTokens;
    private final JwtProperties properties;
    private final AtomicLong activeFamilies = new AtomicLong();
    private Disposable schedule;

    KeyRingMaintenance(KeyRing keyRing, RefreshTokens refreshTokens, JwtProperties properties, MeterRegistry registry) {
        this.keyRing = keyRing;
        this.refreshTokens = refreshTokens;
        this.properties = properties;
        Gauge.builder("scheduleright.auth.refresh.families.active", activeFamilies, AtomicLong::get)
                .description("Refresh-token families that still hold a usable token")
                .register(registry);
    }

    @Override
    public void afterSingletonsInstantiated() {
        keyRing.initialise()
                .then(refreshTokens.activeFamilies().doOnNext(activeFamilies::set))
                .block(STARTUP_TIMEOUT);
        schedule = Flux.interval(properties.keyRingRefresh(), properties.keyRingRefresh())
                .concatMap(tick -> maintain(), 0)
                .subscribe();
    }

    Mono<Void> maintain() {
        return keyRing.rotateIfDue()
                .then(keyRing.refresh())
                .then(refreshTokens.activeFamilies().doOnNext(activeFamilies::set))
                .onErrorResume(e -> {
                    log.warn("Key ring maintenance failed; keeping the current keys: {}", e.toString());
                    return Mono.empty();
                })
                .then();
    }

    @Override
    public void destroy() {
        if (schedule != null) {
            schedule.dispose();
        }
    }
}
