package org.scheduleright.reminder.settings.web;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.scheduleright.platform.auth.AuthenticatedUser;
import org.scheduleright.platform.auth.Role;
import org.scheduleright.platform.error.ApiException;
import org.scheduleright.reminder.quota.DailyBudget;
import org.scheduleright.reminder.quota.QuotaProperties;
import org.scheduleright.reminder.reminder.domain.MessageTemplate;
import org.scheduleright.reminder.reminder.domain.QuietHours;
import org.scheduleright.reminder.reminder.domain.ReminderSettings;
import org.scheduleright.reminder.settings.persistence.OrgReminderSettings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Lets staff read and change their organisation's reminder settings; templates are validated on save. */
@RestController
class ReminderSettingsController {

    /**
     * The settings as the API shows and accepts them; quiet hours as {@code HH:mm}, both null for none;
     * {@code repliesEnabled} absent reads as false; {@code dailySmsBudget} is the budget in force (the platform
     * default when none was chosen, null or absent in a request), {@code dailySmsBudgetMax} the platform maximum
     * (read only).
     */
    record SettingsBody(
            Boolean enabled,
            List<Integer> leadTimesHours,
            String template,
            Boolean sendCancellationNotice,
            String quietHoursStart,
            String quietHoursEnd,
            Boolean repliesEnabled,
            Long dailySmsBudget,
            Long dailySmsBudgetMax) {

        static SettingsBody of(ReminderSettings settings, QuotaProperties quotas) {
            QuietHours quiet = settings.quietHours();
            return new SettingsBody(
                    settings.enabled(),
                    settings.leadTimesHours(),
                    settings.template().text(),
                    settings.sendCancellationNotice(),
                    quiet == null ? null : quiet.start().toString(),
                    quiet == null ? null : quiet.end().toString(),
                    settings.repliesEnabled(),
                    DailyBudget.effective(settings.dailySmsBudget(), quotas.orgPerDay(), quotas.orgPerDayMax()),
                    quotas.orgPerDayMax());
        }
    }

    private final OrgReminderSettings settings;

    private final Clock clock;

    private final QuotaProperties quotas;

    ReminderSettingsController(OrgReminderSettings settings, Clock clock, QuotaProperties quotas) {
        this.settings = settings;
        this.clock = clock;
        this.quotas = quotas;
    }

    @Operation(summary = "The caller's organisation's reminder settings (STAFF+)")
    @GetMapping("/api/v1/reminders/settings")
    Mono<SettingsBody> read(AuthenticatedUser user) {
        user.requireAtLeast(Role.STAFF);
        return settings.of(user.requireOrganisation()).map(found -> SettingsBody.of(found, quotas));
    }

    @Operation(summary = "Change the caller's organisation's reminder settings (STAFF+)")
    @PutMapping("/api/v1/reminders/settings")
    Mono<SettingsBody> replace(@RequestBody SettingsBody body, AuthenticatedUser user) {
        user.requireAtLeast(Role.STAFF);
        UUID organisation = user.requireOrganisation();
        ReminderSettings parsed = parse(body, quotas.orgPerDayMax());
        return settings.save(organisation, parsed, clock.instant()).thenReturn(SettingsBody.of(parsed, quotas));
    }

    private static ReminderSettings parse(SettingsBody body, long budgetMax) {
        if (body.enabled() == null) {
            throw ApiException.validation("enabled", "must be true or false");
        }
        if (body.leadTimesHours() == null || body.leadTimesHours().isEmpty()) {
            throw ApiException.validation("leadTimesHours", "must list at least one lead time in hours");
        }
        MessageTemplate template;
        try {
            template = new MessageTemplate(body.template());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.validation("template", e.getMessage());
        }
        QuietHours quiet;
        try {
            quiet = body.quietHoursStart() == null && body.quietHoursEnd() == null
                    ? null
                    : new QuietHours(LocalTime.parse(body.quietHoursStart()), LocalTime.parse(body.quietHoursEnd()));
        } catch (DateTimeParseException | NullPointerException | IllegalArgumentException e) {
            throw ApiException.validation("quietHoursStart", "quiet hours need a start and an end as HH:mm");
        }
        Long budget = body.dailySmsBudget();
        String budgetProblem = budget == null ? null : DailyBudget.problemWith(budget, budgetMax);
        if (budgetProblem != null) {
            throw ApiException.validation("dailySmsBudget", budgetProblem);
        }
        try {
            return new ReminderSettings(
                    body.enabled(),
                    body.leadTimesHours(),
                    template,
                    Boolean.TRUE.equals(body.sendCancellationNotice()),
                    quiet,
                    Boolean.TRUE.equals(body.repliesEnabled()),
                    budget == null ? null : budget.intValue());
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("leadTimesHours", e.getMessage());
        }
    }
}
