/** Trusted proxies, security headers, CORS and HTTPS enforcement. */
package org.scheduleright.gateway.edge;
