package org.scheduleright.platform.config;

import java.util.List;

/** Startup refused because the configuration has problems; each problem is one line naming its variable. */
public class InvalidConfigurationException extends RuntimeException {

    private final List<String> problems;

    public InvalidConfigurationException(List<String> problems) {
        super("Invalid configuration:\n  - " + String.join("\n  - ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
