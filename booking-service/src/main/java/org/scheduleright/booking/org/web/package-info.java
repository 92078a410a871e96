/** The organisations HTTP API. */
package org.scheduleright.booking.org.web;
