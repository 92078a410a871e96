package org.scheduleright.platform.web;

import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;

/**
 * Turns on Reactor Netty's {@code reactor.netty.http.server.lastFlushWhenNoRead} before its HTTP server classes load
 * (they read it once): the previous exchange on a keep-alive connection then terminates before the connection's next
 * request is read, so that request is dispatched at once instead of being queued behind it. Without it, Reactor Netty
 * 1.3.6 can leave such a request unread until the client gives up (reactor/reactor-netty#4361), which is why these
 * services used to close every connection after one response. A value set on the command line wins.
 */
public final class KeepAliveGuard implements ApplicationListener<ApplicationStartingEvent> {

    static final String PROPERTY = "reactor.netty.http.server.lastFlushWhenNoRead";

    @Override
    public void onApplicationEvent(ApplicationStartingEvent event) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
    }
}
