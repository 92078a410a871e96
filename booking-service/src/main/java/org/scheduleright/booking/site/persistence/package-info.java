/** Storage of sites in MySQL through R2DBC. */
package org.scheduleright.booking.site.persistence;
