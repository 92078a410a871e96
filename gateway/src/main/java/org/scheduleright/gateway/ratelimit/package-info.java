/** Rate limits shared by all replicas through Redis. */
package org.scheduleright.gateway.ratelimit;
