package io.camellanggraph.client;

import java.time.Duration;

/**
 * How long a call to the LangGraph server may take, so that a server gone silent (connections accepted, nothing
 * answered) fails each call with a {@link LangGraphTimeoutException} instead of holding its thread for the HTTP
 * library's defaults (minutes).
 *
 * @param connect  to open the TCP connection (and TLS)
 * @param response silence allowed while waiting for the answer or between its bytes, on ordinary calls
 * @param total    the whole ordinary call: waiting for a pooled connection, connecting, sending and reading the answer
 * @param runWait  the whole call, and the silence allowed in it, for the calls that last as long as the run does
 *                 ({@code runs/wait}, {@code runs/stream}, {@code join}, {@code cancel?wait=true}): the Python server
 *                 sends keep-alive bytes on them every 5 s, but the JS server's join and stream stay silent until the
 *                 run has something to say, so no silence limit shorter than the run fits them
 */
public record CallTimeouts(Duration connect, Duration response, Duration total, Duration runWait) {

    /** 5 s to connect, 30 s of silence, 60 s per call, 10 minutes for the calls that wait for a run. */
    public static final CallTimeouts DEFAULTS = new CallTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofMinutes(10));

    public CallTimeouts {
        for (Duration d : new Duration[] {connect, response, total, runWait}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("LangGraph call timeouts must be positive: " + connect + ", " + response
                        + ", " + total + ", " + runWait);
            }
        }
    }
}
