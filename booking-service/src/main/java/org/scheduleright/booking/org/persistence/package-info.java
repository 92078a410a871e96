/** Storage of organisations in MySQL through R2DBC. */
package org.scheduleright.booking.org.persistence;
