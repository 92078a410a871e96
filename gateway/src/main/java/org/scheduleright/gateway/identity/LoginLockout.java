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
 * Counts failed logins per subject in Redis (shared by all replicas) and locks the subject once the threshold is
 * reached within the window. A subject is the account found by the login's email ({@link #account}), so that every
 * spelling of that email meets one counter, or, when no account has that email, the hash of its canonical form
 * ({@link #unknownEmail}), so that unknown emails behave like known ones. Keys never hold an email. Fails closed:
 * without Redis, no login.
 */
class LoginLockout {

    private static final Logger log = LoggerFactory.getLogger(LoginLockout.class);

    private final ReactiveStringRedisTemplate redis;
    private final IdentityProperties properties;

    LoginLockout(ReactiveStringRedisTemplate redis, IdentityProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    /** The lockout subject of an existing account. */
    static String account(String userId) {
        return "account:" + userId;
    }

    /** The lockout subject of an email no account has, from its canonical form. */
    static String unknownEmail(String canonicalEmail) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(canonicalEmail.getBytes(StandardCharsets.UTF_8));
            return "email:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails with {@link AccountLocked} while the subject is locked. */
    Mono<Void> requireUnlocked(String subject) {
        return redis.getExpire(key("lock", subject))
                .onErrorMap(this::unavailable)
                .flatMap(remaining -> remaining.isNegative() || remaining.isZero()
                        ? Mono.<Void>empty()
                        : Mono.error(new AccountLocked(remaining)))
                .then();
    }

    /** Records a failure; returns whether it locked the subject. */
    Mono<Boolean> recordFailure(String subject) {
        String failures = key("failures", subject);
        return redis.opsForValue()
                .increment(failures)
                .flatMap(count -> count == 1
                        ? redis.expire(failures, properties.lockoutWindow()).thenReturn(count)
                        : Mono.just(count))
                .flatMap(count -> count >= properties.lockoutThreshold()
                        ? redis.opsForValue()
                                .set(key("lock", subject), "1", properties.lockoutDuration())
                                .then(redis.delete(failures))
                                .thenReturn(true)
                        : Mono.just(false))
                .onErrorMap(this::unavailable);
    }

    Mono<Void> recordSuccess(String subject) {
        return redis.delete(key("failures", subject))
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

    private String key(String kind, String subject) {
        return properties.lockoutKeyPrefix() + kind + ":" + subject;
    }
}
