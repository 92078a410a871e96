/** Access and refresh tokens and the signing-key ring shared by all replicas. */
package org.scheduleright.gateway.token;
