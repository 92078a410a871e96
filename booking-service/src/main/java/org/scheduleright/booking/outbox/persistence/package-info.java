/** The outbox table and the relay's leader lease. */
package org.scheduleright.booking.outbox.persistence;
