package org.scheduleright.platform.web;

import java.util.List;
import java.util.OptionalInt;
import org.scheduleright.platform.config.InvalidConfigurationException;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Sets how many event loops Reactor Netty starts ({@code reactor.netty.ioWorkerCount}, read once when its loop
 * resources load, which is after the environment is prepared). Reactor Netty's own default is
 * {@code max(processors, 4)}: four loops on a two-core box, so a proxied request usually crosses loops between its
 * client connection, its backend connection and its response. The gateway runs with half the processors (one loop on
 * two cores), which measured 1.2–2.2 times the throughput at half the CPU per request (docs/gateway.md).
 *
 * <p>{@code EVENT_LOOP_THREADS} (else {@code scheduleright.event-loops}, a service's own default) is {@code reactor}
 * (Reactor Netty's default), {@code half} (half the available processors, at least one) or a number from 1 to
 * {@value #MAX_LOOPS}. A {@code -Dreactor.netty.ioWorkerCount} on the command line wins.
 */
public final class EventLoopSizing implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String REACTOR_PROPERTY = "reactor.netty.ioWorkerCount";
    static final String VARIABLE = "EVENT_LOOP_THREADS";
    static final String SETTING = "scheduleright.event-loops";
    static final int MAX_LOOPS = 64;

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (System.getProperty(REACTOR_PROPERTY) != null) {
            return;
        }
        loops(setting(event.getEnvironment()), Runtime.getRuntime().availableProcessors())
                .ifPresent(loops -> System.setProperty(REACTOR_PROPERTY, Integer.toString(loops)));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after the configuration files are read
    }

    static String setting(Environment environment) {
        String variable = environment.getProperty(VARIABLE);
        return variable != null && !variable.isBlank() ? variable : environment.getProperty(SETTING, "reactor");
    }

    /** The number of loops to set for a setting on a machine with {@code processors}; empty keeps Reactor's own. */
    static OptionalInt loops(String setting, int processors) {
        String value = setting.strip();
        if (value.equalsIgnoreCase("reactor")) {
            return OptionalInt.empty();
        }
        if (value.equalsIgnoreCase("half")) {
            return OptionalInt.of(Math.max(1, processors / 2));
        }
        if (value.matches("[0-9]{1,3}")) {
            int loops = Integer.parseInt(value);
            if (loops >= 1 && loops <= MAX_LOOPS) {
                return OptionalInt.of(loops);
            }
        }
        throw new InvalidConfigurationException(List.of(VARIABLE + " is '" + abbreviated(value)
                + "' but must be 'reactor', 'half' or a number from 1 to " + MAX_LOOPS));
    }

    private static String abbreviated(String value) {
        return value.length() <= 20 ? value : value.substring(0, 20) + "…";
    }
}
