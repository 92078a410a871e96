package org.scheduleright.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A MySQL or MariaDB server the tests may administer: where it is and an account that can create databases. */
public record MysqlServer(String host, int port, String adminUser, String adminPassword) {

    public String jdbcUrl(String database) {
        return "jdbc:mysql://" + host + ":" + port + "/" + database
                + "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&allowPublicKeyRetrieval=true"
                + "&sslMode=PREFERRED";
    }

    /** Runs statements as the administrator, one after another. */
    public void execute(Iterable<String> statements) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(""), adminUser, adminPassword);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("MySQL at " + host + ":" + port + " refused: " + e.getMessage(), e);
        }
    }
}
