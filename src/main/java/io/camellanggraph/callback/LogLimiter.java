package io.camellanggraph.callback;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;

/**
 * Warnings that a sender chooses the rate of (refused requests, forged claims, a store that cannot keep up): each
 * kind is logged up to a number of times per minute, then one line says how many more came. A flood then costs a
 * counter increment per request, not a log line, and cannot flood the log.
 */
public final class LogLimiter {

    private final int perMinute;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public LogLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Logs {@code format} at WARN unless this kind ({@code kind}) was logged {@code perMinute} times this minute. */
    public void warn(Logger log, String kind, String format, Object... args) {
        Window window = windows.computeIfAbsent(kind, k -> new Window());
        long suppressed;
        boolean logNow;
        synchronized (window) {
            long now = System.currentTimeMillis();
            suppressed = 0;
            if (now - window.start >= 60_000) {
                suppressed = window.suppressed;
                window.start = now;
                window.logged = 0;
                window.suppressed = 0;
            }
            logNow = window.logged < perMinute;
            if (logNow) {
                window.logged++;
            } else {
                window.suppressed++;
            }
        }
        if (suppressed > 0) {
            log.warn("{} more of these ({}) in the minute before, not logged one by one", suppressed, kind);
        }
        if (logNow) {
            log.warn(format, args);
        }
    }

    private static final class Window {
        long start = System.currentTimeMillis();
        int logged;
        long suppressed;
    }
}
