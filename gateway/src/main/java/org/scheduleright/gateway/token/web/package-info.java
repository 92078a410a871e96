/** The JWKS and on-demand key rotation. */
package org.scheduleright.gateway.token.web;
