package org.scheduleright.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scheduleright.gateway.GatewayIntegrationTest;
import org.scheduleright.platform.housekeeping.Housekeeping;
import org.scheduleright.platform.housekeeping.Purge;
import org.scheduleright.platform.testing.Housekeepings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Issue 17 item 6 on the real MariaDB: refresh tokens expired longer than their retention and signing keys retired
 * longer than theirs are purged; newer ones and the active key stay, and logging in still works afterwards.
 */
class TokenHousekeepingIntegrationTests extends GatewayIntegrationTest {

    @Autowired
    List<Purge> purges;

    @Autowired
    DatabaseClient database;

    private final Instant now = Instant.now();

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private String refreshToken(Instant expiresAt) {
        String hash = UUID.randomUUID().toString().replace("-", "")
                + UUID.randomUUID().toString().replace("-", "");
        database.sql("INSERT INTO refresh_tokens (token_hash, family_id, user_id, created_at, expires_at)"
                        + " VALUES (:hash, :family, :user, :created, :expires)")
                .bind("hash", hash)
                .bind("family", UUID.randomUUID().toString())
                .bind("user", UUID.randomUUID().toString())
                .bind("created", utc(expiresAt.minus(Duration.ofDays(7))))
                .bind("expires", utc(expiresAt))
                .then()
                .block();
        return hash;
    }

    private String retiredKey(Instant retiredAt) {
        String kid = "test-" + UUID.randomUUID();
        database.sql("INSERT INTO signing_keys (kid, public_jwk, private_key_encrypted, created_at, activated_at,"
                        + " retire_after) VALUES (:kid, '{}', 'unused', :created, :created, :retired)")
                .bind("kid", kid)
                .bind("created", utc(retiredAt.minus(Duration.ofDays(90))))
                .bind("retired", utc(retiredAt))
                .then()
                .block();
        return kid;
    }

    @Test
    void purgesExpiredRefreshTokensAndRetiredKeysPastTheirRetention() {
        String longExpired = refreshToken(now.minus(Duration.ofDays(10)));
        String recentlyExpired = refreshToken(now.minus(Duration.ofDays(2)));
        String valid = refreshToken(now.plus(Duration.ofDays(3)));
        String longRetired = retiredKey(now.minus(Duration.ofDays(40)));
        String recentlyRetired = retiredKey(now.minus(Duration.ofDays(10)));

        assertThat(Housekeepings.runOnce(database, purges, 10)).isInstanceOf(Housekeeping.Run.Done.class);

        assertThat(Housekeepings.exists(database, "refresh_tokens", "token_hash", longExpired))
                .as("expired 10 days ago, kept 7")
                .isFalse();
        assertThat(Housekeepings.exists(database, "refresh_tokens", "token_hash", recentlyExpired))
                .isTrue();
        assertThat(Housekeepings.exists(database, "refresh_tokens", "token_hash", valid))
                .isTrue();
        assertThat(Housekeepings.exists(database, "signing_keys", "kid", longRetired))
                .as("retired 40 days ago, kept 30")
                .isFalse();
        assertThat(Housekeepings.exists(database, "signing_keys", "kid", recentlyRetired))
                .isTrue();
        assertThat(database.sql("SELECT COUNT(*) AS n FROM signing_keys WHERE retire_after IS NULL")
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block())
                .as("the active key is never purged")
                .isPositive();
        assertThat(accessToken(ADMIN_EMAIL, ADMIN_PASSWORD)).isNotBlank();
    }
}
