package org.scheduleright.gateway.identity.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;
import org.scheduleright.gateway.identity.UserAccount;

/**
 * Liquibase task that rewrites every stored email into {@link UserAccount#canonicalEmail canonical form} (NFKC and lower
 * case cannot be computed in SQL on MySQL or MariaDB). Two accounts whose emails become the same stop the migration
 * with their ids (never their emails), so an operator merges them by hand; nothing is overwritten silently.
 */
public class CanonicalEmailsMigration implements CustomTaskChange {

    private int rewritten;

    @Override
    public void execute(Database database) throws CustomChangeException {
        Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
        try {
            Map<String, String> canonicalById = new LinkedHashMap<>();
            Map<String, List<String>> idsByCanonical = new TreeMap<>();
            Map<String, String> storedById = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, email FROM users ORDER BY id");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    String canonical = UserAccount.canonicalEmail(rows.getString(2));
                    storedById.put(id, rows.getString(2));
                    canonicalById.put(id, canonical);
                    idsByCanonical
                            .computeIfAbsent(canonical, c -> new ArrayList<>())
                            .add(id);
                }
            }
            List<String> collisions = idsByCanonical.values().stream()
                    .filter(ids -> ids.size() > 1)
                    .map(ids -> String.join(" and ", ids))
                    .toList();
            if (!collisions.isEmpty()) {
                throw new CustomChangeException("Users " + String.join("; ", collisions)
                        + " have the same canonical email; merge or rename them, then start again");
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE users SET email = ? WHERE id = ?")) {
                for (Map.Entry<String, String> user : canonicalById.entrySet()) {
                    if (!user.getValue().equals(storedById.get(user.getKey()))) {
                        update.setString(1, user.getValue());
                        update.setString(2, user.getKey());
                        update.executeUpdate();
                        rewritten++;
                    }
                }
            }
        } catch (SQLException e) {
            throw new CustomChangeException("Could not rewrite the users' emails in canonical form", e);
        }
    }

    @Override
    public String getConfirmationMessage() {
        return "Rewrote " + rewritten + " emails in canonical form";
    }

    @Override
    public void setUp() {}

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {}

    @Override
    public ValidationErrors validate(Database database) {
        return new ValidationErrors();
    }
}
