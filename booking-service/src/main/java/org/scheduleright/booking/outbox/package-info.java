/**
 * The booking lifecycle topic's declaration; the outbox and its relay are the platform's
 * ({@code org.scheduleright.platform.outbox}).
 */
package org.scheduleright.booking.outbox;
