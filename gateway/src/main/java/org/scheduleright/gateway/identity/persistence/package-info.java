/** The users table. */
package org.scheduleright.gateway.identity.persistence;
