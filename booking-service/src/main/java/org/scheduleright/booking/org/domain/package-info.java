/** The organisation and time-zone values, free of frameworks. */
package org.scheduleright.booking.org.domain;
