/** CloudEvents 1.0 binary mode over Kafka: {@code ce_*} headers, JSON data as the value, and the codec services call. */
package org.scheduleright.events.kafka;
