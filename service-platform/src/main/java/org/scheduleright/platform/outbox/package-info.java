/**
 * The transactional outbox every event-publishing service shares: events appended in the transaction of their change,
 * relayed to Kafka by one leased relay in per-key order, with backlog metrics.
 */
package org.scheduleright.platform.outbox;
