package org.scheduleright.reminder.reply.domain;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.scheduleright.events.booking.BookingStatus;
import org.scheduleright.events.reminder.ReplyAnswer;

/**
 * What to do with an inbound SMS that is not an opt-out: ask booking-service to confirm or cancel the answered booking,
 * or only answer (already done, not possible, not understood), or stay silent when there is nothing to answer. The
 * answer names the site and the appointment in the site's local time and is decided from this service's projection of
 * the booking, before booking-service acts (see docs/reminder-service.md, "Two-way replies").
 */
public sealed interface ReplyDecision {

    /** Why the decision was taken, as logged, counted and stored with the inbound message. */
    enum Outcome {
        CONFIRM,
        CANCEL,
        ALREADY_CONFIRMED,
        ALREADY_CANCELLED,
        NOT_CHANGEABLE,
        APPOINTMENT_PASSED,
        HELP,
        NO_TARGET,
        REPLIES_DISABLED;

        /** The lower-case code used in logs, metrics and the database. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    Outcome outcome();

    /** The text to answer the client with; empty for no answer. */
    String answerText();

    /** The booking the message answered, when there is one. */
    Optional<ReplyTarget> answered();

    /** Ask booking-service to change the booking, and tell the client it is done. */
    record Act(Outcome outcome, ReplyAnswer answer, ReplyTarget target, String text) implements ReplyDecision {
        public Act {
            Objects.requireNonNull(answer, "answer must not be null");
            Objects.requireNonNull(target, "target must not be null");
            Objects.requireNonNull(text, "text must not be null");
        }

        @Override
        public String answerText() {
            return text;
        }

        @Override
        public Optional<ReplyTarget> answered() {
            return Optional.of(target);
        }
    }

    /** Change nothing, answer the client with the text. */
    record Answer(Outcome outcome, ReplyTarget target, String text) implements ReplyDecision {
        public Answer {
            Objects.requireNonNull(target, "target must not be null");
            Objects.requireNonNull(text, "text must not be null");
        }

        @Override
        public String answerText() {
            return text;
        }

        @Override
        public Optional<ReplyTarget> answered() {
            return Optional.of(target);
        }
    }

    /** Change nothing and send no answer: no message to this number to answer, or its organisation turned replies off. */
    record Silent(Outcome outcome) implements ReplyDecision {
        @Override
        public String answerText() {
            return "";
        }

        @Override
        public Optional<ReplyTarget> answered() {
            return Optional.empty();
        }
    }

    DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    /**
     * Decides.
     *
     * @param keyword what the message asks for
     * @param target the booking of the latest message sent to the number, or null when there is none
     * @param repliesEnabled whether the target's organisation lets replies act on bookings
     * @param now the current time
     */
    static ReplyDecision decide(ReplyKeyword keyword, ReplyTarget target, boolean repliesEnabled, Instant now) {
        if (target == null) {
            return new Silent(Outcome.NO_TARGET);
        }
        if (!repliesEnabled) {
            return new Silent(Outcome.REPLIES_DISABLED);
        }
        String when = describe(target);
        if (keyword == ReplyKeyword.UNRECOGNISED) {
            return new Answer(
                    Outcome.HELP,
                    target,
                    "Reply C to confirm or X to cancel your appointment: " + when + ". For anything else please call "
                            + site(target) + ". Reply STOP to opt out.");
        }
        if (!target.startTime().isAfter(now)) {
            return new Answer(
                    Outcome.APPOINTMENT_PASSED,
                    target,
                    "Your appointment (" + when + ") has already started or passed; nothing was changed.");
        }
        BookingStatus status = target.status();
        if (keyword == ReplyKeyword.CONFIRM) {
            if (status == BookingStatus.PENDING) {
                return new Act(
                        Outcome.CONFIRM,
                        ReplyAnswer.CONFIRM,
                        target,
                        "Thank you, your appointment is confirmed: " + when + ". Reply X to cancel.");
            }
            if (status == BookingStatus.CONFIRMED) {
                return new Answer(
                        Outcome.ALREADY_CONFIRMED, target, "Your appointment is already confirmed: " + when + ".");
            }
        } else {
            if (status == BookingStatus.PENDING || status == BookingStatus.CONFIRMED) {
                return new Act(
                        Outcome.CANCEL,
                        ReplyAnswer.CANCEL,
                        target,
                        "Your appointment is cancelled: " + when + ". Your place has been freed.");
            }
            if (status == BookingStatus.CANCELLED) {
                return new Answer(
                        Outcome.ALREADY_CANCELLED, target, "Your appointment was already cancelled: " + when + ".");
            }
        }
        return new Answer(
                Outcome.NOT_CHANGEABLE,
                target,
                "Your appointment (" + when + ") can no longer be changed by SMS. Please call " + site(target) + ".");
    }

    private static String describe(ReplyTarget target) {
        ZonedDateTime local = target.startTime().atZone(target.timezone());
        return site(target) + ", " + DATE.format(local) + " at " + TIME.format(local);
    }

    private static String site(ReplyTarget target) {
        return target.siteName() == null || target.siteName().isBlank() ? "the site" : target.siteName();
    }
}
