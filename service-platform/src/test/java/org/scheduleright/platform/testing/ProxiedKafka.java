package org.scheduleright.platform.testing;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real in-process Kafka broker that clients reach only through a {@link TcpProxy}: the broker advertises the
 * proxy's port, so cutting the proxy is a Kafka outage for every client and restoring it ends the outage.
 */
public record ProxiedKafka(EmbeddedKafkaKraftBroker broker, TcpProxy proxy) implements AutoCloseable {

    /** Starts a broker behind a new proxy. */
    public static ProxiedKafka start() {
        TcpProxy proxy = new TcpProxy("127.0.0.1", 1);
        EmbeddedKafkaKraftBroker broker = InProcessKafka.start("EXTERNAL://127.0.0.1:" + proxy.port());
        String address = broker.getBrokersAsString();
        proxy.retarget("127.0.0.1", Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
        return new ProxiedKafka(broker, proxy);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + proxy.port();
    }

    @Override
    public void close() {
        proxy.close();
        broker.destroy();
    }
}
