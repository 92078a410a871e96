/** Routes to booking-service and reminder-service, forwarded headers and backend failures. */
package org.scheduleright.gateway.routing;
