/** The site value, free of frameworks. */
package org.scheduleright.booking.site.domain;
