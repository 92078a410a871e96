/** Contracts of ScheduleRight's Kafka streams: event types, streams and the CloudEvents envelope shared by all of them. */
package org.scheduleright.events;
