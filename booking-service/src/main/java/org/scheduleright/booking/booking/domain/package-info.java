/** The booking and its guarded lifecycle, free of frameworks. */
package org.scheduleright.booking.booking.domain;
