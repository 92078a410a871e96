package org.scheduleright.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.common.KeyValue;
import io.r2dbc.proxy.observation.QueryContext;
import io.r2dbc.proxy.observation.QueryObservationConvention;
import org.junit.jupiter.api.Test;

class QueryConventionTests {

    private final QueryObservationConvention library = new QueryObservationConvention() {};

    private final QueryConvention convention = new QueryConvention();

    private static QueryContext context(int queries) {
        QueryContext context = new QueryContext();
        context.setConnectionName("MySQL");
        context.setThreadName("reactor-tcp-epoll-1");
        for (int i = 0; i < queries; i++) {
            context.getQueries().add("SELECT " + i + " FROM t WHERE id = ?");
        }
        return context;
    }

    @Test
    void namesTheQueriesExactlyAsTheLibraryDoes() {
        for (int queries : new int[] {1, 3, 20}) {
            QueryContext context = context(queries);
            assertThat(convention.getHighCardinalityKeyValues(context))
                    .containsExactlyInAnyOrderElementsOf(library.getHighCardinalityKeyValues(context));
        }
    }

    @Test
    void keepsTheConnectionAndDropsTheThread() {
        QueryContext context = context(1);
        assertThat(convention.getLowCardinalityKeyValues(context))
                .extracting(KeyValue::getKey)
                .containsExactly("r2dbc.connection");
        assertThat(library.getLowCardinalityKeyValues(context))
                .extracting(KeyValue::getKey)
                .contains("r2dbc.connection", "r2dbc.thread");
        assertThat(convention.getName()).isEqualTo(library.getName());
        assertThat(convention.getContextualName(context)).isEqualTo("query");
    }
}
