/** The transactional outbox relay that publishes committed events to Kafka, and its metrics. */
package org.scheduleright.booking.outbox;
