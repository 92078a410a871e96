package org.scheduleright.platform.auth;

/** The roles of the contract, ordered from the most to the least privileged. */
public enum Role {
    ADMIN,
    STAFF,
    VOLUNTEER,
    CLIENT;

    /** Whether this role carries at least the privileges of {@code other} ("STAFF+" means at least STAFF). */
    public boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }
}
