/** The public booking page: a small static page at {@code /book/{siteId}} and its assets, talking to the public API. */
package org.scheduleright.gateway.page;
