package io.camellanggraph.callback;

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

    private final LogLimiter limiter = new LogLimiter(PER_MINUTE);

    void unconfirmed(String callback, String reason, String detail) {
        limiter.warn(LOG, "unconfirmed webhook claims, " + reason, "Unconfirmed webhook claim on callback '{}' ({}): {}",
                callback, reason, detail);
    }
}
