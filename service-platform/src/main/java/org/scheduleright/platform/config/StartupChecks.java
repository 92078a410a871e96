package org.scheduleright.platform.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.scheduleright.platform.auth.PasswordPolicy;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Checks the environment variables of the contract before any bean is created, so that bad configuration stops the
 * service with one clear line per problem. Always: {@code DB_PROVIDER} is {@code mysql} and {@code REDIS_URL} parses.
 * In the {@code production} profile also: {@code JWT_SECRET} of at least 32 characters (where the service holds it), a
 * {@code CORS_ORIGIN} without
 * {@code *}, no empty password, and a first-ADMIN password within {@link PasswordPolicy}.
 */
public class StartupChecks implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final int MIN_SECRET_LENGTH = 32;

    /** Set to true by the service that sends SMS, so that production refuses a configuration that would send none. */
    public static final String SENDS_SMS = "scheduleright.startup.sends-sms";

    /** The explicit opt-in that lets a production service that sends SMS run with {@code SMS_SINK=log}. */
    public static final String SMS_SINK_LOG_ALLOWED = "SMS_SINK_LOG_ALLOWED";

    /** Set to false by services that never see {@code JWT_SECRET} (they verify tokens against the JWKS). */
    public static final String JWT_SECRET_REQUIRED = "scheduleright.startup.jwt-secret-required";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        List<String> problems = problems(event.getEnvironment());
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }

    /** Every problem of the environment, one line each, naming the variable; empty when it may start. */
    public static List<String> problems(ConfigurableEnvironment environment) {
        List<String> problems = new ArrayList<>();
        String provider = value(environment, "DB_PROVIDER", "mysql");
        if (!"mysql".equals(provider)) {
            problems.add("DB_PROVIDER is '" + provider + "' but only 'mysql' is supported");
        }
        String redisUrl = value(environment, "REDIS_URL", null);
        if (redisUrl != null && !isRedisUrl(redisUrl)) {
            problems.add("REDIS_URL is not a redis:// or rediss:// URL with a host");
        }
        if (Arrays.asList(environment.getActiveProfiles()).contains("production")) {
            String secret = value(environment, "JWT_SECRET", "");
            boolean holdsSecret = environment.getProperty(JWT_SECRET_REQUIRED, Boolean.class, true);
            if (holdsSecret && secret.isBlank()) {
                problems.add("JWT_SECRET is missing; it must be at least " + MIN_SECRET_LENGTH + " characters");
            } else if (holdsSecret && secret.length() < MIN_SECRET_LENGTH) {
                problems.add("JWT_SECRET is shorter than " + MIN_SECRET_LENGTH + " characters");
            }
            String cors = value(environment, "CORS_ORIGIN", "");
            if (cors.isBlank()) {
                problems.add("CORS_ORIGIN is empty; list the exact allowed origins");
            } else if (cors.contains("*")) {
                problems.add("CORS_ORIGIN contains '*'; list the exact allowed origins");
            }
            for (String password : List.of("MYSQL_PASSWORD", "MYSQL_MIGRATION_PASSWORD")) {
                if (value(environment, password, "").isEmpty()) {
                    problems.add(password + " is empty");
                }
            }
            String redis = value(environment, "REDIS_URL", "");
            if (!redis.isEmpty() && isRedisUrl(redis) && !hasPassword(redis)) {
                problems.add("REDIS_URL has no password");
            }
            String adminPassword = environment.getProperty("ADMIN_PASSWORD", "");
            if (!value(environment, "ADMIN_EMAIL", "").isEmpty()) {
                if (adminPassword.isEmpty()) {
                    problems.add("ADMIN_PASSWORD is empty while ADMIN_EMAIL is set");
                } else if (PasswordPolicy.problem(adminPassword) != null) {
                    problems.add("ADMIN_PASSWORD " + PasswordPolicy.problem(adminPassword) + " (passwords are "
                            + PasswordPolicy.MIN_LENGTH + "–" + PasswordPolicy.MAX_LENGTH + " characters)");
                }
            }
            if (!value(environment, "TWILIO_ACCOUNT_SID", "").isEmpty()
                    && value(environment, "TWILIO_AUTH_TOKEN", "").isEmpty()) {
                problems.add("TWILIO_AUTH_TOKEN is empty while TWILIO_ACCOUNT_SID is set");
            }
            if (environment.getProperty(SENDS_SMS, Boolean.class, false)) {
                smsProblem(environment).ifPresent(problems::add);
            }
        }
        return problems;
    }

    /**
     * In production SMS must reach Twilio: {@code SMS_SINK=log}, or no sink with Twilio unconfigured, would record every
     * reminder as skipped, so it is refused unless {@value #SMS_SINK_LOG_ALLOWED}{@code =true} says it is meant.
     */
    private static Optional<String> smsProblem(Environment environment) {
        String sink = value(environment, "SMS_SINK", "").toLowerCase(Locale.ROOT);
        boolean twilioConfigured = Stream.of("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_PHONE_NUMBER")
                .noneMatch(variable -> value(environment, variable, "").isEmpty());
        boolean logAllowed = "true".equalsIgnoreCase(value(environment, SMS_SINK_LOG_ALLOWED, "false"));
        if (!sink.isEmpty() && !sink.equals("log") && !sink.equals("twilio")) {
            return Optional.of("SMS_SINK is '" + sink + "' but only 'twilio' or 'log' is supported");
        }
        if (sink.equals("twilio") && !twilioConfigured) {
            return Optional.of("SMS_SINK is 'twilio' but TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN or TWILIO_PHONE_NUMBER"
                    + " is empty");
        }
        boolean sendsNothing = sink.equals("log") || (sink.isEmpty() && !twilioConfigured);
        if (sendsNothing && !logAllowed) {
            return Optional.of("SMS_SINK is 'log' (or Twilio is not configured), so no SMS would be sent; set the"
                    + " TWILIO_* variables, or " + SMS_SINK_LOG_ALLOWED + "=true to run without SMS on purpose");
        }
        return Optional.empty();
    }

    private static String value(Environment environment, String variable, String fallback) {
        String value = environment.getProperty(variable);
        return value == null ? fallback : value.trim();
    }

    private static boolean isRedisUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean hasPassword(String value) {
        String userInfo = URI.create(value).getUserInfo();
        return userInfo != null && !userInfo.endsWith(":") && !userInfo.isEmpty();
    }
}
