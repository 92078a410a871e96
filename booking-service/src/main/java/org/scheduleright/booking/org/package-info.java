/** Organisations, the tenants every other resource belongs to. */
package org.scheduleright.booking.org;
