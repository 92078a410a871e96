/** The reminder activity stream ({@code scheduleright.reminders.v1}): what happened to each SMS reminder of a booking. */
package org.scheduleright.events.reminder;
