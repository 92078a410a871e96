/** The sites HTTP API and the public site page. */
package org.scheduleright.booking.site.web;
