/** The availability HTTP API, for members and the public. */
package org.scheduleright.booking.slot.web;
