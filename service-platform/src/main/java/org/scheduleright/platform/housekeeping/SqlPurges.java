package org.scheduleright.platform.housekeeping;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Purge batches as one {@code DELETE … WHERE column < cutoff … LIMIT n} statement (MySQL 8 and MariaDB 10.11), on an
 * indexed UTC {@code DATETIME} column; the statement deletes in index order and commits on its own, so a batch holds
 * its locks only briefly.
 */
public final class SqlPurges {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private SqlPurges() {}

    /** Rows of {@code table} whose {@code column} is before the cutoff. */
    public static PurgeBatch olderThan(DatabaseClient db, String table, String column) {
        return olderThan(db, table, column, null);
    }

    /**
     * Rows of {@code table} whose {@code column} is before the cutoff and that satisfy {@code condition}, a constant
     * SQL condition written in code (never from input), or null.
     */
    public static PurgeBatch olderThan(DatabaseClient db, String table, String column, String condition) {
        String sql = "DELETE FROM " + identifier(table) + " WHERE " + identifier(column) + " < :cutoff"
                + (condition == null ? "" : " AND (" + condition + ")") + " ORDER BY " + column + " LIMIT :limit";
        return (cutoff, limit) -> db.sql(sql)
                .bind("cutoff", LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .bind("limit", limit)
                .fetch()
                .rowsUpdated();
    }

    private static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain table or column name: " + name);
        }
        return name;
    }
}
