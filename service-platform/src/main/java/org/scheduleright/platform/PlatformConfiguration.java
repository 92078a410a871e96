package org.scheduleright.platform;

import io.github.mweirauch.micrometer.jvm.extras.ProcessMemoryMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.scheduleright.platform.auth.AuthenticatedUser;
import org.scheduleright.platform.auth.BearerTokenFilter;
import org.scheduleright.platform.config.DatabaseProperties;
import org.scheduleright.platform.error.ApiErrorWebExceptionHandler;
import org.scheduleright.platform.error.ErrorResponses;
import org.scheduleright.platform.housekeeping.Housekeeping;
import org.scheduleright.platform.housekeeping.HousekeepingLease;
import org.scheduleright.platform.housekeeping.HousekeepingProperties;
import org.scheduleright.platform.housekeeping.Purge;
import org.scheduleright.platform.openapi.ApiConventions;
import org.scheduleright.platform.openapi.ErrorAnswersCustomizer;
import org.scheduleright.platform.ops.DependencyCheck;
import org.scheduleright.platform.ops.DependencyChecks;
import org.scheduleright.platform.ops.OperationalEndpoints;
import org.scheduleright.platform.tracing.BackgroundQuerySpans;
import org.scheduleright.platform.tracing.QueryConvention;
import org.scheduleright.platform.web.RequestLog;
import org.scheduleright.platform.web.RequestSizeLimitFilter;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every ScheduleRight service gets: the error format, body-size limit, operational endpoints, a log line per
 * request and trace export without background query noise.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
            "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"
        })
@EnableConfigurationProperties({DatabaseProperties.class, HousekeepingProperties.class})
@Import(DependencyCheckConfiguration.class)
public class PlatformConfiguration {

    /**
     * Purges the rows of every {@link Purge} the service declares, one replica at a time (its database's
     * {@code housekeeping_lease} table).
     */
    @Bean
    @ConditionalOnBean({Purge.class, DatabaseClient.class})
    Housekeeping housekeeping(
            List<Purge> purges,
            DatabaseClient database,
            HousekeepingProperties properties,
            ObjectProvider<Clock> clock,
            MeterRegistry meters) {
        return new Housekeeping(
                purges,
                new HousekeepingLease(database, "housekeeping"),
                properties,
                clock.getIfAvailable(Clock::systemUTC),
                meters);
    }

    @Bean
    ErrorResponses errorResponses(JsonMapper jsonMapper) {
        return new ErrorResponses(jsonMapper);
    }

    @Bean
    @Order(-2)
    ApiErrorWebExceptionHandler apiErrorWebExceptionHandler(ErrorResponses responses) {
        return new ApiErrorWebExceptionHandler(responses);
    }

    @Bean
    @Order(-100)
    RequestSizeLimitFilter requestSizeLimitFilter(
            @Value("${scheduleright.web.max-request-size:64KB}") DataSize maxRequestSize) {
        return new RequestSizeLimitFilter(maxRequestSize.toBytes());
    }

    @Bean
    RequestLog requestLog(ObjectProvider<Tracer> tracer) {
        return new RequestLog(tracer.getIfAvailable(() -> Tracer.NOOP));
    }

    /** Query timings per thread name would grow without bound (elastic threads are numbered as they are created). */
    @Bean
    MeterFilter withoutQueryThreadTag() {
        return MeterFilter.ignoreTags("r2dbc.thread");
    }

    /** Resident and swapped memory of the process ({@code process_memory_rss_bytes} …), on Linux. */
    @Bean
    ProcessMemoryMetrics processMemoryMetrics() {
        return new ProcessMemoryMetrics();
    }

    /** Picked up by Boot's R2DBC observation: the same spans and timer, cheaper per statement. */
    @Bean
    QueryConvention queryConvention() {
        return new QueryConvention();
    }

    @Bean
    BackgroundQuerySpans backgroundQuerySpans() {
        return new BackgroundQuerySpans();
    }

    @Bean
    DependencyChecks dependencyChecks(
            List<DependencyCheck> checks,
            @Value("${scheduleright.readiness.timeout:2s}") Duration timeout,
            @Value("${scheduleright.readiness.cache-for:2s}") Duration cacheFor) {
        return new DependencyChecks(checks, timeout, cacheFor);
    }

    /** The conventions of every service's OpenAPI document (springdoc generates the rest from the handlers). */
    @Bean
    ApiConventions apiConventions(
            ObjectProvider<BuildProperties> build,
            ObjectProvider<BearerTokenFilter> tokens,
            @Value("${spring.application.name}") String service) {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuthenticatedUser.class);
        BuildProperties info = build.getIfAvailable();
        BearerTokenFilter filter = tokens.getIfAvailable();
        return new ApiConventions(
                service,
                info == null ? "development" : info.getVersion(),
                path -> filter != null && filter.requiresToken(path));
    }

    @Bean
    ErrorAnswersCustomizer errorAnswersCustomizer() {
        return new ErrorAnswersCustomizer();
    }

    @Bean
    RouterFunction<ServerResponse> operationalEndpoints(
            DependencyChecks checks,
            ObjectProvider<BuildProperties> build,
            @Value("${spring.application.name}") String service) {
        BuildProperties info = build.getIfAvailable();
        String version = info == null ? "development" : info.getVersion();
        return new OperationalEndpoints(service, version, Instant.now(), checks).routes();
    }
}
