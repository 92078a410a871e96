/** The bookings HTTP API, for members and the public. */
package org.scheduleright.booking.booking.web;
