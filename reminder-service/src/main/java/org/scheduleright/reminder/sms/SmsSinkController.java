package org.scheduleright.reminder.sms;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.scheduleright.platform.auth.AuthenticatedUser;
import org.scheduleright.platform.auth.Role;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists, for the local demo, the last messages the log sink kept instead of sending them: only the caller's own
 * organisation's (none for an ADMIN without one). The route does not exist in the {@code production} profile (404).
 */
@RestController
@Profile("!production")
class SmsSinkController {

    /** The sink's answer: every listed message was not sent. */
    record SinkView(boolean smsEnabled, String note, List<LogSmsSender.Kept> messages) {}

    private final SmsSender sender;

    SmsSinkController(SmsSender sender) {
        this.sender = sender;
    }

    @Operation(summary = "Messages the local log sink kept instead of sending (STAFF+; not in production)")
    @GetMapping("/api/v1/reminders/sink")
    SinkView recent(AuthenticatedUser user) {
        user.requireAtLeast(Role.STAFF);
        if (sender instanceof LogSmsSender sink) {
            return new SinkView(
                    false,
                    "SMS is disabled: these messages of your organisation were NOT sent",
                    sink.recentOf(user.orgId()));
        }
        return new SinkView(true, "SMS go to the provider; nothing is kept here", List.of());
    }
}
