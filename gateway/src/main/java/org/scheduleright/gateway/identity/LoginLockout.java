package org.scheduleright.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * Counts failed logins per account in Redis (shared by all replicas) and locks the account once the threshold is
 * reached within the window. Keys hold a hash of the email, never the email. Fails closed: without Redis, no login.
 */
class LoginLockout {

    private static final Logger log = LoggerFactory.getLogger(LoginLockout.class);

    private final ReactiveStringRedisTemplate redis;
    private final IdentityProperties properties;

    LoginLockout(ReactiveStringRedisTemplate redis, IdentityProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    /** Fails with {@link AccountLocked} while the account is locked. */
    Mono<Void> requireUnlocked(String email) {
        return redis.getExpire(key("lock", email))
                .onErrorMap(this::unavailable)
                .flatMap(remaining -> remaining.isNegative() || remaining.isZero()
                        ? Mono.<Void>empty()
                        : Mono.error(new AccountLocked(remaining)))
                .then();
    }

    /** Records a failure; returns whether it locked the account. */
    Mono<Boolean> recordFailure(String email) {
        String failures = key("failures", email);
        return redis.opsForValue()
                .increment(failures)
                .flatMap(count -> count == 1
                        ? redis.expire(failures, properties.lockoutWindow()).thenReturn(count)
                        : Mono.just(count))
                .flatMap(count -> count >= properties.lockoutThreshold()
                        ? redis.opsForValue()
                                .set(key("lock", email), "1", properties.lockoutDuration())
                                .then(redis.delete(failures))
                                .thenReturn(true)
                        : Mono.just(false))
                .onErrorMap(this::unavailable);
    }

    Mono<Void> recordSuccess(String email) {
        return redis.delete(key("failures", email))
                .onErrorMap(this::unavailable)
                .then();
    }

    private Throwable unavailable(Throwable e) {
        if (e instanceof ApiException) {
            return e;
        }
        log.error("Redis is unavailable for the login lockout; refusing logins: {}", e.toString());
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Login is temporarily unavailable");
    }

    private String key(String kind, String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(UserAccount.normaliseEmail(email).getBytes(StandardCharsets.UTF_8));
            return properties.lockoutKeyPrefix() + kind + ":" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
