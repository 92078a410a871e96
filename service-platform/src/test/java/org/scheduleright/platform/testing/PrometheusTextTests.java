package org.scheduleright.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PrometheusTextTests {

    private static final String PAGE = """
            # HELP http_server_requests_seconds
            # TYPE http_server_requests_seconds histogram
            http_server_requests_seconds_bucket{method="GET",uri="/api/v1/bookings/{id}",le="0.005"} 3
            http_server_requests_seconds_bucket{method="GET",uri="/api/v1/bookings/{id}",le="+Inf"} 4
            http_server_requests_seconds_count{method="GET",uri="/api/v1/bookings/{id}"} 4
            scheduleright_auth_logins_total{result="failure",service="gateway"} 2.0
            scheduleright_auth_logins_total{result="success",service="gateway"} 5.0
            odd_label_total{text="a \\"quoted\\", comma} and \\\\ slash"} 1
            process_uptime_seconds 12.5
            jvm_gc_overhead NaN
            """;

    @Test
    void readsNamesLabelsAndValues() {
        PrometheusText text = PrometheusText.parse(PAGE);

        assertThat(text.names())
                .containsExactly(
                        "http_server_requests_seconds_bucket",
                        "http_server_requests_seconds_count",
                        "jvm_gc_overhead",
                        "odd_label_total",
                        "process_uptime_seconds",
                        "scheduleright_auth_logins_total");
        assertThat(text.labelValues("scheduleright_auth_logins_total", "result"))
                .containsExactly("failure", "success");
        assertThat(text.series("http_server_requests_seconds_bucket"))
                .extracting(s -> s.label("le"), PrometheusText.Sample::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("0.005", 3.0),
                        org.assertj.core.groups.Tuple.tuple("+Inf", 4.0));
        assertThat(text.series("odd_label_total").get(0).label("text")).isEqualTo("a \"quoted\", comma} and \\ slash");
        assertThat(text.series("process_uptime_seconds").get(0).value()).isEqualTo(12.5);
        assertThat(text.series("jvm_gc_overhead").get(0).value()).isNaN();
    }

    @Test
    void refusesWhatIsNotASample() {
        assertThatIllegalArgumentException().isThrownBy(() -> PrometheusText.parse("no-value-here"));
        assertThatIllegalArgumentException().isThrownBy(() -> PrometheusText.parse("bad-name 1"));
        assertThatIllegalArgumentException().isThrownBy(() -> PrometheusText.parse("m{a=\"open 1"));
        assertThatIllegalArgumentException().isThrownBy(() -> PrometheusText.parse("m{a=1} 1"));
    }
}
