/** The booking lifecycle stream ({@code scheduleright.bookings.v1}): one record per thing that happened to a booking. */
package org.scheduleright.events.booking;
