package io.camellanggraph.callback;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims the server did not confirm, as security events on the logger {@code io.camellanggraph.security}: each one
 * up to a number per minute and reason, then one line saying how many more came, so that a flood of forged claims
 * cannot flood the log (and slow the receiver) as well. The counters and the operator page see every one.
 */
final class SecurityEvents {

    private static final Logger LOG = LoggerFactory.getLogger("io.camellanggraph.security");
    static final int PER_MINUTE = 20;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    void unconfirmed(String callback, String reason, String detail) {
        Window window = windows.computeIfAbsent(reason, r -> new Window());
        long suppressed;
        boolean log;
        synchronized (window) {
            long now = System.currentTimeMillis();
            suppressed = 0;
            if (now - window.start >= 60_000) {
                suppressed = window.suppressed;
                window.start = now;
                window.logged = 0;
                window.suppressed = 0;
            }
            log = window.logged < PER_MINUTE;
            if (log) {
                window.logged++;
            } else {
                window.suppressed++;
            }
        }
        if (suppressed > 0) {
            LOG.warn("{} more unconfirmed webhook claims ({}) in the minute before, not logged one by one", suppressed, reason);
        }
        if (log) {
            LOG.warn("Unconfirmed webhook claim on callback '{}' ({}): {}", callback, reason, detail);
        }
    }

    private static final class Window {
        long start = System.currentTimeMillis();
        int logged;
        long suppressed;
    }
}
