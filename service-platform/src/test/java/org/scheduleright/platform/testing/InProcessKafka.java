package org.scheduleright.platform.testing;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** Starts real single-node KRaft Kafka brokers inside the test JVM; each is stopped when the JVM exits. */
public final class InProcessKafka {

    private InProcessKafka() {}

    /** Starts a broker on a free port; its address is {@link EmbeddedKafkaKraftBroker#getBrokersAsString()}. */
    public static EmbeddedKafkaKraftBroker start() {
        return start(null);
    }

    /** Starts a broker that tells clients to connect to {@code advertisedListener} (e.g. a proxy in front of it). */
    static EmbeddedKafkaKraftBroker start(String advertisedListener) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        if (advertisedListener != null) {
            broker.brokerProperty("advertised.listeners", advertisedListener);
        }
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "stop-in-process-kafka"));
        return broker;
    }
}
