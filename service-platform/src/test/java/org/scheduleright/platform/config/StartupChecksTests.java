package org.scheduleright.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Bad configuration is refused at startup with one clear line per problem, naming the variable. */
class StartupChecksTests {

    private static final String GOOD_SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void localDefaultsPass() {
        assertThat(StartupChecks.problems(environment(Map.of()))).isEmpty();
    }

    @Test
    void unknownDatabaseProviderIsRefusedInEveryProfile() {
        assertThat(StartupChecks.problems(environment(Map.of("DB_PROVIDER", "postgres"))))
                .containsExactly("DB_PROVIDER is 'postgres' but only 'mysql' is supported");
    }

    @Test
    void unparsableRedisUrlIsRefused() {
        assertThat(StartupChecks.problems(environment(Map.of("REDIS_URL", "localhost:6379"))))
                .containsExactly("REDIS_URL is not a redis:// or rediss:// URL with a host");
    }

    @Test
    void productionRefusesEachWeakSettingOnItsOwnLine() {
        StandardEnvironment environment = environment(Map.of(
                "JWT_SECRET", "short", "CORS_ORIGIN", "*", "MYSQL_PASSWORD", "", "REDIS_URL", "redis://cache:6379"));
        environment.setActiveProfiles("production");
        assertThat(StartupChecks.problems(environment))
                .containsExactly(
                        "JWT_SECRET is shorter than 32 characters",
                        "CORS_ORIGIN contains '*'; list the exact allowed origins",
                        "MYSQL_PASSWORD is empty",
                        "MYSQL_MIGRATION_PASSWORD is empty",
                        "REDIS_URL has no password");
    }

    /** Production settings that pass every check of a service holding no JWT secret and sending no SMS. */
    private static final Map<String, Object> STRONG = Map.of(
            StartupChecks.JWT_SECRET_REQUIRED,
            "false",
            "CORS_ORIGIN",
            "https://app.example.org",
            "MYSQL_PASSWORD",
            "s3cret-app",
            "MYSQL_MIGRATION_PASSWORD",
            "s3cret-migrate");

    @Test
    void productionRefusesAFirstAdminPasswordOutsideThePasswordRule() {
        for (String password : new String[] {"short-pass1", "x".repeat(129)}) {
            assertThat(productionProblems(Map.of("ADMIN_EMAIL", "admin@example.org", "ADMIN_PASSWORD", password)))
                    .singleElement()
                    .asString()
                    .startsWith("ADMIN_PASSWORD is " + (password.length() < 12 ? "shorter than 12" : "longer than 128"))
                    .doesNotContain(password);
        }
    }

    @Test
    void productionAcceptsAFirstAdminPasswordOfTwelveCharacters() {
        assertThat(productionProblems(Map.of("ADMIN_EMAIL", "admin@example.org", "ADMIN_PASSWORD", "twelve-chars")))
                .isEmpty();
    }

    @Test
    void productionRefusesALogSmsSinkInTheServiceThatSendsSmsUnlessExplicitlyAllowed() {
        String refused = "SMS_SINK is 'log' (or Twilio is not configured), so no SMS would be sent; set the TWILIO_*"
                + " variables, or SMS_SINK_LOG_ALLOWED=true to run without SMS on purpose";

        assertThat(smsProblems(Map.of("SMS_SINK", "log"))).containsExactly(refused);
        assertThat(smsProblems(Map.of())).containsExactly(refused);
        assertThat(smsProblems(Map.of("SMS_SINK", "LOG", "SMS_SINK_LOG_ALLOWED", "true")))
                .isEmpty();
        assertThat(smsProblems(Map.of("SMS_SINK", "log", "SMS_SINK_LOG_ALLOWED", "yes")))
                .containsExactly(refused);
        assertThat(smsProblems(Map.of("SMS_SINK", "twilio")))
                .containsExactly("SMS_SINK is 'twilio' but TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN or"
                        + " TWILIO_PHONE_NUMBER is empty");
        assertThat(smsProblems(Map.of("SMS_SINK", "carrier-pigeon")))
                .containsExactly("SMS_SINK is 'carrier-pigeon' but only 'twilio' or 'log' is supported");
        assertThat(smsProblems(Map.of(
                        "SMS_SINK", "twilio",
                        "TWILIO_ACCOUNT_SID", "AC123",
                        "TWILIO_AUTH_TOKEN", "token",
                        "TWILIO_PHONE_NUMBER", "+15005550006")))
                .isEmpty();
    }

    @Test
    void servicesThatSendNoSmsIgnoreTheSmsSink() {
        assertThat(productionProblems(Map.of("SMS_SINK", "log"))).isEmpty();
    }

    /** The production problems of {@link #STRONG} settings plus {@code settings} in the service that sends SMS. */
    private static List<String> smsProblems(Map<String, Object> settings) {
        Map<String, Object> values = new HashMap<>(settings);
        values.put(StartupChecks.SENDS_SMS, "true");
        return productionProblems(values);
    }

    /** The production problems of {@link #STRONG} settings plus {@code settings}. */
    private static List<String> productionProblems(Map<String, Object> settings) {
        Map<String, Object> values = new HashMap<>(STRONG);
        values.putAll(settings);
        StandardEnvironment environment = environment(values);
        environment.setActiveProfiles("production");
        return StartupChecks.problems(environment);
    }

    @Test
    void productionRefusesMissingSecretAndEmptyCors() {
        StandardEnvironment environment = environment(Map.of());
        environment.setActiveProfiles("production");
        assertThat(StartupChecks.problems(environment))
                .contains(
                        "JWT_SECRET is missing; it must be at least 32 characters",
                        "CORS_ORIGIN is empty; list the exact allowed origins");
    }

    @Test
    void servicesThatOnlyVerifyTokensNeedNoJwtSecret() {
        assertThat(productionProblems(Map.of())).isEmpty();
    }

    @Test
    void productionWithStrongSettingsPasses() {
        StandardEnvironment environment = environment(Map.of(
                "JWT_SECRET", GOOD_SECRET,
                "CORS_ORIGIN", "https://app.example.org",
                "MYSQL_PASSWORD", "s3cret-app",
                "MYSQL_MIGRATION_PASSWORD", "s3cret-migrate",
                "REDIS_URL", "redis://:pw@cache:6379"));
        environment.setActiveProfiles("production");
        assertThat(StartupChecks.problems(environment)).isEmpty();
    }

    @Test
    void applicationStartupStopsWithTheProblemsBeforeCreatingBeans() {
        SpringApplication application = new SpringApplication(Empty.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("DB_PROVIDER", "oracle", "spring.config.name", "none"));
        assertThatThrownBy(application::run)
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("DB_PROVIDER is 'oracle' but only 'mysql' is supported");
    }

    @Test
    void failureAnalysisListsOneLinePerProblem() {
        var analysis = new InvalidConfigurationFailureAnalyzer()
                .analyze(new InvalidConfigurationException(java.util.List.of("A is wrong", "B is wrong")));
        assertThat(analysis.getDescription()).contains("\n  - A is wrong\n  - B is wrong");
    }

    private static StandardEnvironment environment(Map<String, Object> values) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("test", values));
        return environment;
    }

    @SpringBootApplication
    static class Empty {}
}
