package org.scheduleright.platform;

import java.time.Duration;
import org.scheduleright.platform.ops.DependencyCheck;
import org.scheduleright.platform.ops.DependencyChecksFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.r2dbc.core.DatabaseClient;

/** Registers a readiness check for each dependency the service has wired: MySQL always, Redis and Kafka if used. */
@Configuration(proxyBeanMethods = false)
class DependencyCheckConfiguration {

    @Bean
    DependencyCheck mysqlCheck(DatabaseClient database) {
        return DependencyChecksFactory.mysql(database);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ReactiveRedisConnectionFactory.class)
    static class Redis {
        @Bean
        @ConditionalOnBean(ReactiveRedisConnectionFactory.class)
        DependencyCheck redisCheck(ReactiveRedisConnectionFactory connections) {
            return DependencyChecksFactory.redis(connections);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KafkaAdmin.class)
    static class Kafka {
        @Bean
        @ConditionalOnBean(KafkaAdmin.class)
        DependencyCheck kafkaCheck(KafkaAdmin admin, @Value("${scheduleright.readiness.timeout:2s}") Duration timeout) {
            return DependencyChecksFactory.kafka(admin.getConfigurationProperties(), timeout);
        }
    }
}
