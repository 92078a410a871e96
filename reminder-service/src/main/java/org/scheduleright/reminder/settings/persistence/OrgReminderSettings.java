package org.scheduleright.reminder.settings.persistence;

import static org.scheduleright.reminder.support.UtcTimes.toColumn;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;
import org.scheduleright.reminder.reminder.domain.MessageTemplate;
import org.scheduleright.reminder.reminder.domain.QuietHours;
import org.scheduleright.reminder.reminder.domain.ReminderSettings;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The reminder_settings table; an organisation without a row gets {@link ReminderSettings#DEFAULT}. */
@Repository
public class OrgReminderSettings {

    private final DatabaseClient database;

    OrgReminderSettings(DatabaseClient database) {
        this.database = database;
    }

    /** Returns the organisation's settings, or the defaults. */
    public Mono<ReminderSettings> of(UUID orgId) {
        return database.sql("SELECT * FROM reminder_settings WHERE org_id = :org")
                .bind("org", orgId.toString())
                .map(OrgReminderSettings::read)
                .one()
                .defaultIfEmpty(ReminderSettings.DEFAULT);
    }

    /** Stores the organisation's settings, replacing earlier ones. */
    public Mono<Void> save(UUID orgId, ReminderSettings settings, Instant now) {
        QuietHours quiet = settings.quietHours();
        DatabaseClient.GenericExecuteSpec spec = database.sql(
                        "INSERT INTO reminder_settings (org_id, enabled, lead_times_hours, template,"
                                + " send_cancellation_notice, quiet_hours_start, quiet_hours_end, replies_enabled,"
                                + " daily_sms_budget, updated_at) VALUES (:org, :enabled, :leads, :template, :notice,"
                                + " :quietStart, :quietEnd, :replies, :budget, :now) ON DUPLICATE KEY UPDATE"
                                + " enabled = :enabled, lead_times_hours = :leads, template = :template,"
                                + " send_cancellation_notice = :notice, quiet_hours_start = :quietStart,"
                                + " quiet_hours_end = :quietEnd, replies_enabled = :replies, daily_sms_budget = :budget,"
                                + " updated_at = :now")
                .bind("org", orgId.toString())
                .bind("enabled", settings.enabled())
                .bind(
                        "leads",
                        settings.leadTimesHours().stream().map(String::valueOf).collect(Collectors.joining(",")))
                .bind("template", settings.template().text())
                .bind("notice", settings.sendCancellationNotice())
                .bind("replies", settings.repliesEnabled())
                .bind("now", toColumn(now));
        spec = settings.dailySmsBudget() == null
                ? spec.bindNull("budget", Integer.class)
                : spec.bind("budget", settings.dailySmsBudget());
        spec = quiet == null
                ? spec.bindNull("quietStart", String.class).bindNull("quietEnd", String.class)
                : spec.bind("quietStart", quiet.start().toString())
                        .bind("quietEnd", quiet.end().toString());
        return spec.then();
    }

    private static ReminderSettings read(Readable row) {
        String leads = row.get("lead_times_hours", String.class);
        return new ReminderSettings(
                Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                leads == null || leads.isBlank()
                        ? java.util.List.of()
                        : Arrays.stream(leads.split(",")).map(Integer::valueOf).toList(),
                new MessageTemplate(row.get("template", String.class)),
                Boolean.TRUE.equals(row.get("send_cancellation_notice", Boolean.class)),
                QuietHours.parse(row.get("quiet_hours_start", String.class), row.get("quiet_hours_end", String.class)),
                Boolean.TRUE.equals(row.get("replies_enabled", Boolean.class)),
                row.get("daily_sms_budget", Integer.class));
    }
}
