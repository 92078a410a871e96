package org.scheduleright.platform.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The service's own MySQL database, from {@code DB_PROVIDER} and {@code MYSQL_*}. The application user needs only DML;
 * Liquibase migrates with the migration user.
 */
@Validated
@ConfigurationProperties("scheduleright.db")
public record DatabaseProperties(
        @Pattern(regexp = "mysql", message = "only 'mysql' is supported (DB_PROVIDER)")
        String provider,

        @NotBlank(message = "must be set (MYSQL_HOST)") String host,
        @Min(1) @Max(65535) int port,

        @NotBlank(message = "must be set (MYSQL_DATABASE)")
        @Pattern(regexp = "[A-Za-z0-9_]+", message = "letters, digits and _ only (MYSQL_DATABASE)")
        String database,

        @NotBlank(message = "must be set (MYSQL_USER)") String user,
        String password,

        @NotBlank(message = "must be set (MYSQL_MIGRATION_USER)")
        String migrationUser,

        String migrationPassword) {}
