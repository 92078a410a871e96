/** Scheduled deletion of rows past their retention, in bounded batches, by one replica of a service at a time. */
package org.scheduleright.platform.housekeeping;
