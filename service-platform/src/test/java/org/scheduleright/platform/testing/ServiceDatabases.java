package org.scheduleright.platform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One isolated set of the three service databases with their migration and DML-only users, created from
 * infra/mysql/schema-and-users.sql.template exactly as production is, under names unique to this set.
 */
public record ServiceDatabases(
        MysqlServer server,
        String suffix,
        String identityDatabase,
        String bookingDatabase,
        String reminderDatabase,
        String migrationUser,
        String identityUser,
        String bookingUser,
        String reminderUser,
        String password) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

    /** Creates the databases and users of a new set on {@code server}. */
    public static ServiceDatabases create(MysqlServer server, String suffix) {
        ServiceDatabases databases = new ServiceDatabases(
                server,
                suffix,
                "scheduleright_identity_" + suffix,
                "scheduleright_booking_" + suffix,
                "scheduleright_reminder_" + suffix,
                "sr_migrator_" + suffix,
                "identity_app_" + suffix,
                "booking_app_" + suffix,
                "reminder_app_" + suffix,
                "test-only-" + suffix);
        server.execute(statements(render(template(), databases.placeholders())));
        return databases;
    }

    /** The database and DML-only user of one service: {@code identity}, {@code booking} or {@code reminder}. */
    public String database(String service) {
        return switch (service) {
            case "identity" -> identityDatabase;
            case "booking" -> bookingDatabase;
            case "reminder" -> reminderDatabase;
            default -> throw new IllegalArgumentException(service);
        };
    }

    public String appUser(String service) {
        return switch (service) {
            case "identity" -> identityUser;
            case "booking" -> bookingUser;
            case "reminder" -> reminderUser;
            default -> throw new IllegalArgumentException(service);
        };
    }

    /** Drops the databases and users of this set. */
    public void drop() {
        List<String> statements = new java.util.ArrayList<>();
        for (String db : List.of(identityDatabase, bookingDatabase, reminderDatabase)) {
            statements.add("DROP DATABASE IF EXISTS `" + db + "`");
        }
        for (String user : List.of(migrationUser, identityUser, bookingUser, reminderUser)) {
            statements.add("DROP USER IF EXISTS '" + user + "'@'%'");
        }
        server.execute(statements);
    }

    private Map<String, String> placeholders() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("IDENTITY_DB", identityDatabase);
        values.put("BOOKING_DB", bookingDatabase);
        values.put("REMINDER_DB", reminderDatabase);
        values.put("IDENTITY_DB_PATTERN", identityDatabase.replace("_", "\\_"));
        values.put("BOOKING_DB_PATTERN", bookingDatabase.replace("_", "\\_"));
        values.put("REMINDER_DB_PATTERN", reminderDatabase.replace("_", "\\_"));
        values.put("MIGRATION_USER", migrationUser);
        values.put("MIGRATION_PASSWORD", password);
        values.put("IDENTITY_APP_USER", identityUser);
        values.put("IDENTITY_APP_PASSWORD", password);
        values.put("BOOKING_APP_USER", bookingUser);
        values.put("BOOKING_APP_PASSWORD", password);
        values.put("REMINDER_APP_USER", reminderUser);
        values.put("REMINDER_APP_PASSWORD", password);
        return values;
    }

    static String render(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("No value for placeholder " + matcher.group(1));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static List<String> statements(String sql) {
        String withoutComments = sql.lines()
                .filter(line -> !line.stripLeading().startsWith("--"))
                .reduce("", (a, b) -> a + "\n" + b);
        return Arrays.stream(withoutComments.split(";"))
                .map(String::strip)
                .filter(statement -> !statement.isEmpty())
                .toList();
    }

    private static String template() {
        Path file = RepositoryFiles.find("infra/mysql/schema-and-users.sql.template");
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }
}
