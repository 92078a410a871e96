package org.scheduleright.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.scheduleright.gateway.GatewayIntegrationTest;
import org.scheduleright.gateway.token.persistence.SigningKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Scheduled rotation: a key past its rotation interval is replaced once, however many replicas notice it. */
class KeyRotationIntegrationTests extends GatewayIntegrationTest {

    @Autowired
    SigningKeys store;

    @Autowired
    JwtProperties properties;

    @Autowired
    KeyRing keyRing;

    @Autowired
    DatabaseClient db;

    @Test
    void aFreshKeyIsNotRotated() {
        KeyRing replica = replica(Duration.ofDays(90));
        replica.refresh().block();
        String before = replica.active().kid();
        replica.rotateIfDue().block();
        assertThat(replica.active().kid()).isEqualTo(before);
    }

    @Test
    void aDueKeyIsRotatedExactlyOnceWhenTwoReplicasRaceForIt() {
        KeyRing first = replica(Duration.ZERO);
        KeyRing second = replica(Duration.ZERO);
        Mono.when(first.refresh(), second.refresh()).block();
        String before = first.active().kid();

        Mono.when(first.rotateIfDue(), second.rotateIfDue()).block();
        Mono.when(first.refresh(), second.refresh(), keyRing.refresh()).block();

        assertThat(first.active().kid())
                .isNotEqualTo(before)
                .isEqualTo(second.active().kid());
        assertThat(keyRing.active().kid()).isEqualTo(first.active().kid());
        assertThat(keyRing.publicKeys()).anyMatch(key -> key.getKeyID().equals(before));
        Long active = db.sql("SELECT COUNT(*) AS n FROM signing_keys WHERE retire_after IS NULL")
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
        assertThat(active).isEqualTo(1L);
    }

    private KeyRing replica(Duration rotationInterval) {
        JwtProperties settings = new JwtProperties(
                properties.secret(),
                properties.expiry(),
                properties.refreshExpiry(),
                rotationInterval,
                properties.keyRingRefresh());
        return new KeyRing(store, settings, Clock.systemUTC());
    }
}
