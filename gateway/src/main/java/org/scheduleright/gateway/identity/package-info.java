/** Users, password hashing, login checks with account lockout and the first ADMIN. */
package org.scheduleright.gateway.identity;
