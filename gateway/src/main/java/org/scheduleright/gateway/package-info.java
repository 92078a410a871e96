/** The gateway: identity, signing keys, rate limits, the hardened edge and routing to the services. */
package org.scheduleright.gateway;
