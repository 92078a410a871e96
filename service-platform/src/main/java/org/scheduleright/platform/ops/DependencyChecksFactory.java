package org.scheduleright.platform.ops;

import java.time.Duration;
import java.util.Map;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.r2dbc.core.DatabaseClient;

/** Creates the readiness checks of the dependencies the platform knows. */
public final class DependencyChecksFactory {

    private DependencyChecksFactory() {}

    public static DependencyCheck mysql(DatabaseClient database) {
        return new MysqlCheck(database);
    }

    public static DependencyCheck redis(ReactiveRedisConnectionFactory connections) {
        return new RedisCheck(connections);
    }

    public static DependencyCheck kafka(Map<String, Object> adminConfig, Duration timeout) {
        return new KafkaCheck(adminConfig, timeout);
    }
}
