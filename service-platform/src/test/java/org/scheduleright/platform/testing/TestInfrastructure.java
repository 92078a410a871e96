package org.scheduleright.platform.testing;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mysql.MySQLContainer;

/**
 * The real MySQL, Redis and Kafka that integration tests use, found in this order: explicit environment settings
 * ({@code TEST_MYSQL_HOST}/{@code _PORT}/{@code _ADMIN_USER}/{@code _ADMIN_PASSWORD}, {@code TEST_REDIS_URL},
 * {@code TEST_KAFKA_BOOTSTRAP_SERVERS}), Testcontainers when a Docker engine answers, otherwise the local MariaDB and
 * Redis on their standard ports and an in-process KRaft Kafka broker. Each is resolved once per test JVM.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final Map<String, String> env = System.getenv();

    private static final Lazy<Boolean> docker = new Lazy<>(TestInfrastructure::dockerAnswers);
    private static final Lazy<MysqlServer> mysql = new Lazy<>(TestInfrastructure::resolveMysql);
    private static final Lazy<String> redis = new Lazy<>(TestInfrastructure::resolveRedis);
    private static final Lazy<String> kafka = new Lazy<>(TestInfrastructure::resolveKafka);
    private static final Lazy<ServiceDatabases> sharedDatabases = new Lazy<>(TestInfrastructure::newDatabases);

    private TestInfrastructure() {}

    public static MysqlServer mysql() {
        return mysql.get();
    }

    /** A Redis URL ({@code redis://host:port}). */
    public static String redisUrl() {
        return redis.get();
    }

    /** Kafka bootstrap servers. */
    public static String kafkaBootstrapServers() {
        return kafka.get();
    }

    /** The set of service databases shared by the test classes of this JVM that share one Spring context. */
    public static ServiceDatabases databases() {
        return sharedDatabases.get();
    }

    /** A new set of service databases for a test that must not share state with any other; dropped at exit. */
    public static ServiceDatabases newDatabases() {
        ServiceDatabases databases = ServiceDatabases.create(mysql(), uniqueSuffix());
        Runtime.getRuntime().addShutdownHook(new Thread(databases::drop, "drop-test-databases"));
        return databases;
    }

    /** A short random suffix for database, user, topic and key names. */
    public static String uniqueSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static MysqlServer resolveMysql() {
        String host = env.get("TEST_MYSQL_HOST");
        if (host != null) {
            log.info("Integration tests use MySQL at {} (TEST_MYSQL_HOST)", host);
            return new MysqlServer(
                    host,
                    Integer.parseInt(env.getOrDefault("TEST_MYSQL_PORT", "3306")),
                    env.getOrDefault("TEST_MYSQL_ADMIN_USER", "root"),
                    env.getOrDefault("TEST_MYSQL_ADMIN_PASSWORD", ""));
        }
        if (docker.get()) {
            MySQLContainer container = new MySQLContainer("mysql:8.0.40");
            container.start();
            log.info("Integration tests use a MySQL 8 Testcontainer");
            return new MysqlServer(container.getHost(), container.getMappedPort(3306), "root", container.getPassword());
        }
        log.info("Integration tests use the local MySQL/MariaDB on 127.0.0.1:3306");
        return new MysqlServer("127.0.0.1", 3306, "root", "");
    }

    private static String resolveRedis() {
        String url = env.get("TEST_REDIS_URL");
        if (url != null) {
            return url;
        }
        if (docker.get()) {
            GenericContainer<?> container = new GenericContainer<>("redis:7.2.6").withExposedPorts(6379);
            container.start();
            return "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
        }
        return "redis://127.0.0.1:6379";
    }

    private static String resolveKafka() {
        String servers = env.get("TEST_KAFKA_BOOTSTRAP_SERVERS");
        if (servers != null) {
            return servers;
        }
        if (docker.get()) {
            KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
            container.start();
            return container.getBootstrapServers();
        }
        EmbeddedKafkaKraftBroker broker = InProcessKafka.start();
        log.info("Integration tests use an in-process Kafka broker at {}", broker.getBrokersAsString());
        return broker.getBrokersAsString();
    }

    private static boolean dockerAnswers() {
        if ("false".equalsIgnoreCase(env.get("TEST_USE_DOCKER"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** A value computed once, on first use, by whichever thread asks first. */
    static final class Lazy<T> {
        private final Supplier<T> supplier;
        private volatile T value;

        Lazy(Supplier<T> supplier) {
            this.supplier = supplier;
        }

        T get() {
            T current = value;
            if (current == null) {
                synchronized (this) {
                    current = value;
                    if (current == null) {
                        current = supplier.get();
                        value = current;
                    }
                }
            }
            return current;
        }
    }
}
