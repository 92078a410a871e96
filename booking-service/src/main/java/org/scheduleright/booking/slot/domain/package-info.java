/** Slots and weekly rules materialised in a site's time zone, free of frameworks. */
package org.scheduleright.booking.slot.domain;
