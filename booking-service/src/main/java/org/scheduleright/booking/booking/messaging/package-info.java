/** Booking lifecycle events built from booking changes, with encrypted contact details. */
package org.scheduleright.booking.booking.messaging;
