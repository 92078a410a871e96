/** Storage of bookings and idempotency keys in MySQL through R2DBC. */
package org.scheduleright.booking.booking.persistence;
