package org.scheduleright.gateway.identity.persistence;

import io.r2dbc.spi.Readable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.scheduleright.gateway.identity.UserAccount;
import org.scheduleright.platform.auth.Role;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.platform.error.ErrorCode;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The {@code users} table. */
@Repository
public class Users {

    private static final String COLUMNS = "id, email, name, password_hash, roles, org_id, created_at";

    private final DatabaseClient db;

    Users(DatabaseClient db) {
        this.db = db;
    }

    /** The user with this email, compared in canonical form and byte for byte (the column is utf8mb4_bin). */
    public Mono<UserAccount> findByEmail(String email) {
        return db.sql("SELECT " + COLUMNS + " FROM users WHERE email = :email")
                .bind("email", UserAccount.canonicalEmail(email))
                .map(Users::toAccount)
                .one();
    }

    public Mono<UserAccount> findById(String id) {
        return db.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .bind("id", id)
                .map(Users::toAccount)
                .one();
    }

    public Mono<Boolean> isEmpty() {
        return db.sql("SELECT COUNT(*) AS users FROM users")
                .map(row -> row.get("users", Long.class))
                .one()
                .map(count -> count == 0);
    }

    /** Stores a new user; an email already in use is a 409 {@code DUPLICATE_RESOURCE}. */
    public Mono<UserAccount> insert(UserAccount user) {
        LocalDateTime created = LocalDateTime.ofInstant(user.createdAt(), ZoneOffset.UTC);
        DatabaseClient.GenericExecuteSpec insert = db.sql(
                        "INSERT INTO users (id, email, name, password_hash, roles, org_id, created_at, updated_at)"
                                + " VALUES (:id, :email, :name, :hash, :roles, :orgId, :created, :created)")
                .bind("id", user.id())
                .bind("email", user.email())
                .bind("name", user.name())
                .bind("hash", user.passwordHash())
                .bind("roles", user.roles().stream().sorted().map(Role::name).collect(Collectors.joining(",")))
                .bind("created", created);
        insert = user.orgId() == null ? insert.bindNull("orgId", String.class) : insert.bind("orgId", user.orgId());
        return insert.then()
                .onErrorMap(
                        DataIntegrityViolationException.class,
                        e -> new ApiException(ErrorCode.DUPLICATE_RESOURCE, "A user with this email already exists"))
                .thenReturn(user);
    }

    private static UserAccount toAccount(Readable row) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(row.get("roles", String.class).split(","))
                .filter(name -> !name.isBlank())
                .map(Role::valueOf)
                .forEach(roles::add);
        return new UserAccount(
                row.get("id", String.class),
                row.get("email", String.class),
                row.get("name", String.class),
                row.get("password_hash", String.class),
                roles,
                row.get("org_id", String.class),
                row.get("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC));
    }
}
