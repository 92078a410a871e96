/** Storage of slots, with the conditional updates that take and free seats. */
package org.scheduleright.booking.slot.persistence;
