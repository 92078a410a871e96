/** Availability: opening, listing and withdrawing slots. */
package org.scheduleright.booking.slot;
