package org.scheduleright.platform.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a service under test at the test infrastructure: its own database (as its DML-only user, migrated by the
 * migration user), Redis and Kafka. Call from a {@code @DynamicPropertySource} method.
 */
public final class ServiceTestProperties {

    private ServiceTestProperties() {}

    /** Registers the database of {@code service} ({@code identity}, {@code booking} or {@code reminder}). */
    public static void database(DynamicPropertyRegistry registry, ServiceDatabases databases, String service) {
        registry.add("scheduleright.db.host", () -> databases.server().host());
        registry.add("scheduleright.db.port", () -> databases.server().port());
        registry.add("scheduleright.db.database", () -> databases.database(service));
        registry.add("scheduleright.db.user", () -> databases.appUser(service));
        registry.add("scheduleright.db.password", databases::password);
        registry.add("scheduleright.db.migration-user", databases::migrationUser);
        registry.add("scheduleright.db.migration-password", databases::password);
    }

    public static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", TestInfrastructure::redisUrl);
    }

    public static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
    }

    /** Everything a service uses, against the shared database set of this JVM. */
    public static void all(DynamicPropertyRegistry registry, String service) {
        database(registry, TestInfrastructure.databases(), service);
        redis(registry);
        kafka(registry);
    }
}
