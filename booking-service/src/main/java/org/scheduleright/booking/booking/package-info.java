/** Placing bookings and moving them through their lifecycle, transactionally with their events. */
package org.scheduleright.booking.booking;
