/** Sites of an organisation and the tenancy check that finds them. */
package org.scheduleright.booking.site;
