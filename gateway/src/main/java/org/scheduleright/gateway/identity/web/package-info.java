/** Login, refresh, logout and user endpoints. */
package org.scheduleright.gateway.identity.web;
