package org.scheduleright.gateway.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.scheduleright.gateway.token.persistence.SigningKeys;
import org.scheduleright.gateway.token.persistence.StoredSigningKey;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The gateway's signing keys, shared by all replicas through MySQL and held here as an in-memory snapshot: the newest
 * active key signs, every key whose tokens may still be valid verifies and is published in the JWKS. A rotation keeps
 * the previous key until every token it signed has expired (rotation time + access-token lifetime + slack).
 */
public class KeyRing {

    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);

    /** Covers clock skew and replicas that still sign with the previous key until their next refresh. */
    static final Duration SLACK = Duration.ofSeconds(30);

    private final SigningKeys store;
    private final KeyEncryption encryption;
    private final JwtProperties properties;
    private final Clock clock;
    private volatile List<SigningKey> snapshot = List.of();

    KeyRing(SigningKeys store, JwtProperties properties, Clock clock) {
        this.store = store;
        this.encryption = new KeyEncryption(properties.secret());
        this.properties = properties;
        this.clock = clock;
    }

    /** The key that signs new tokens. */
    SigningKey active() {
        return snapshot.stream()
                .filter(SigningKey::isActive)
                .findFirst()
                .orElseThrow(() -> new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "No signing key is available"));
    }

    /** The public halves of every key whose tokens may still be valid now. */
    public List<JWK> publicKeys() {
        Instant now = clock.instant();
        return snapshot.stream()
                .filter(key -> key.verifiesAt(now))
                .map(key -> (JWK) key.key().toPublicJWK())
                .toList();
    }

    /** Re-reads the ring from the database. */
    public Mono<Void> refresh() {
        return store.usableAt(clock.instant())
                .map(this::toSigningKey)
                .collectList()
                .doOnNext(keys -> snapshot = List.copyOf(keys))
                .then();
    }

    /** Creates the first key when the ring has no active key yet, then loads the ring. */
    Mono<Void> initialise() {
        return refresh()
                .then(Mono.defer(() -> snapshot.stream().anyMatch(SigningKey::isActive)
                        ? Mono.empty()
                        : store.rotate(null, newKey(), clock.instant()).then(refresh())));
    }

    /** Makes a new key active now, whatever the age of the current one; returns the new key id. */
    public Mono<String> rotateNow() {
        StoredSigningKey key = newKey();
        return store.rotate(null, key, retirementOfPrevious()).then(refresh()).thenReturn(key.kid());
    }

    /** Rotates when the active key is older than the rotation interval; at most one replica wins the race. */
    Mono<Void> rotateIfDue() {
        SigningKey current =
                snapshot.stream().filter(SigningKey::isActive).findFirst().orElse(null);
        if (current == null
                || current.activatedAt().plus(properties.rotationInterval()).isAfter(clock.instant())) {
            return Mono.empty();
        }
        return store.rotate(current.kid(), newKey(), retirementOfPrevious())
                .doOnNext(rotated -> {
                    if (rotated) {
                        log.info("Rotated the signing key; the previous key {} retires later", current.kid());
                    }
                })
                .then(refresh());
    }

    private Instant retirementOfPrevious() {
        return clock.instant()
                .plus(properties.expiry())
                .plus(properties.keyRingRefresh())
                .plus(SLACK);
    }

    private StoredSigningKey newKey() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String kid = now.toString().substring(0, 10) + "-" + UUID.randomUUID();
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
            return new StoredSigningKey(
                    kid, key.toPublicJWK().toJSONString(), encryption.encrypt(key.toJSONString(), kid), now, null);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an EC P-256 key", e);
        }
    }

    private SigningKey toSigningKey(StoredSigningKey stored) {
        try {
            ECKey key = ECKey.parse(encryption.decrypt(stored.encryptedPrivateJwk(), stored.kid()));
            return new SigningKey(key, stored.activatedAt(), stored.retireAfter());
        } catch (ParseException e) {
            throw new IllegalStateException("Signing key " + stored.kid() + " is not a valid EC JWK", e);
        }
    }
}
