package org.scheduleright.platform.outbox;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Two database connections of the relay's own, so that its reads and acknowledgements never queue behind booking
 * requests in the service's pool when the service is busy.
 */
final class RelayConnections implements DisposableBean {

    private final ConnectionPool pool;
    private final DatabaseClient client;

    RelayConnections(ConnectionFactory serviceConnections) {
        ConnectionFactory target =
                serviceConnections instanceof ConnectionPool servicePool ? servicePool.unwrap() : serviceConnections;
        this.pool = new ConnectionPool(ConnectionPoolConfiguration.builder(target)
                .name("outbox-relay")
                .initialSize(1)
                .maxSize(2)
                .maxAcquireTime(Duration.ofSeconds(5))
                .maxIdleTime(Duration.ofMinutes(10))
                .validationDepth(ValidationDepth.REMOTE)
                .build());
        this.client = DatabaseClient.create(pool);
    }

    DatabaseClient client() {
        return client;
    }

    @Override
    public void destroy() {
        pool.dispose();
    }
}
