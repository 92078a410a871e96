/** Paging of list answers shared by every feature's web adapter. */
package org.scheduleright.booking.paging;
