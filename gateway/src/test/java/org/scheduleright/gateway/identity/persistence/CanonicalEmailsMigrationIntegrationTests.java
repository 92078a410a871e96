package org.scheduleright.gateway.identity.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scheduleright.platform.testing.ServiceDatabases;
import org.scheduleright.platform.testing.TestInfrastructure;

/**
 * The changeset that makes emails canonical, run by Liquibase as the migration user on a database that holds users
 * written before it (non-canonical spellings under the unicode collation): afterwards every email is canonical and
 * compared byte for byte (issue 14, item 1). Runs on whichever server the tests use (MariaDB 10.11 or MySQL 8).
 */
class CanonicalEmailsMigrationIntegrationTests {

    private static ServiceDatabases databases;

    @BeforeAll
    static void createDatabases() {
        databases = TestInfrastructure.newDatabases();
    }

    @AfterAll
    static void dropDatabases() {
        databases.drop();
    }

    @Test
    void existingEmailsBecomeCanonicalAndTheColumnComparesBytes() throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        databases.server().jdbcUrl(databases.identityDatabase()),
                        databases.migrationUser(),
                        databases.password());
                Liquibase liquibase = new Liquibase(
                        "db/changelog/db.changelog-master.yaml",
                        new ClassLoaderResourceAccessor(),
                        new JdbcConnection(connection))) {
            liquibase.update(1, new Contexts(), new LabelExpression());
            insertUser(connection, "\uFF21lice@Example.TEST");
            insertUser(connection, "bob@example.test");
            insertUser(connection, "\u00c7arol@example.test");

            liquibase.update(new Contexts(), new LabelExpression());

            assertThat(emails(connection))
                    .containsExactlyInAnyOrder("alice@example.test", "bob@example.test", "\u00e7arol@example.test");
            insertUser(connection, "\u00e0lice@example.test");
            assertThatThrownBy(() -> insertUser(connection, "bob@example.test"))
                    .isInstanceOf(SQLIntegrityConstraintViolationException.class);
            assertThat(count(connection, "alice@example.test")).isEqualTo(1);
            assertThat(count(connection, "ALICE@example.test")).isZero();
        }
    }

    private static void insertUser(Connection connection, String email) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO users (id, email, name, password_hash, roles, org_id, created_at, updated_at)"
                        + " VALUES (?, ?, 'Someone', 'hash', 'CLIENT', ?, NOW(6), NOW(6))")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, email);
            insert.setString(3, UUID.randomUUID().toString());
            insert.executeUpdate();
        }
    }

    private static List<String> emails(Connection connection) throws SQLException {
        List<String> emails = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT email FROM users");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                emails.add(rows.getString(1));
            }
        }
        return emails;
    }

    private static int count(Connection connection, String email) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM users WHERE email = ?")) {
            select.setString(1, email);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
