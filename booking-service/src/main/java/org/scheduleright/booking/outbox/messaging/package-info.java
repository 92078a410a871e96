/** The idempotent Kafka producer the relay publishes with. */
package org.scheduleright.booking.outbox.messaging;
