/** The booking service: organisations, sites, availability and bookings, with booking events published through a transactional outbox. */
package org.scheduleright.booking;
