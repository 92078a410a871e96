package org.scheduleright.platform.ops;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.publisher.Mono;

/** Probes Kafka by asking the cluster for its nodes through one long-lived admin client. */
final class KafkaCheck implements DependencyCheck, DisposableBean {

    private final Map<String, Object> adminConfig;
    private final Duration timeout;
    private volatile Admin admin;

    KafkaCheck(Map<String, Object> adminConfig, Duration timeout) {
        this.adminConfig = Map.copyOf(adminConfig);
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public Mono<Void> probe() {
        int millis = (int) timeout.toMillis();
        return Mono.fromCallable(this::admin)
                .flatMap(
                        client -> Mono.fromFuture(client.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                                .nodes()
                                .toCompletionStage()
                                .toCompletableFuture()))
                .filter(nodes -> !nodes.isEmpty())
                .switchIfEmpty(Mono.error(new IllegalStateException("Kafka cluster has no nodes")))
                .doOnError(failure -> reset())
                .then();
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                current = admin;
                if (current == null) {
                    Map<String, Object> config = new java.util.HashMap<>(adminConfig);
                    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
                    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
                    config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
                    config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "readiness-probe");
                    current = Admin.create(config);
                    admin = current;
                }
            }
        }
        return current;
    }

    /** Drops the admin client after a failed probe, so that the next probe bootstraps afresh. */
    private synchronized void reset() {
        Admin current = admin;
        admin = null;
        if (current != null) {
            current.close(Duration.ZERO);
        }
    }

    @Override
    public void destroy() {
        Admin current = admin;
        if (current != null) {
            current.close(Duration.ofSeconds(2));
        }
    }
}
