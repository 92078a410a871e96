package org.scheduleright.platform.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports refused configuration as one line per problem instead of a stack trace. */
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        return new FailureAnalysis(
                "ScheduleRight refused to start:\n  - " + String.join("\n  - ", cause.problems()),
                "Set the named environment variables (see docs/configuration.md) and start again.",
                cause);
    }
}
