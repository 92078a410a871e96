/** The signing_keys and refresh_tokens tables. */
package org.scheduleright.gateway.token.persistence;
