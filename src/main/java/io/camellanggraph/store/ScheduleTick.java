package io.camellanggraph.store;

/**
 * One tick of a Camel-side schedule and its fate: {@code fired}, {@code skipped} (overlap), {@code missed} (app down or
 * paused), {@code caught-up}, {@code failed} (run request refused after retries), {@code manual} (run now), or
 * {@code buffered} while it waits for the schedule's running run to end. {@code scheduledAt} is the tick's time on
 * the schedule (epoch millis), {@code runId}/{@code threadId} the run it started, if any.
 */
public record ScheduleTick(String schedule, long scheduledAt, String fate, long recordedAt, String runId, String threadId,
                           boolean ended, String detail) {

    public static final String FIRED = "fired";
    public static final String SKIPPED = "skipped";
    public static final String MISSED = "missed";
    public static final String CAUGHT_UP = "caught-up";
    public static final String FAILED = "failed";
    public static final String MANUAL = "manual";
    public static final String BUFFERED = "buffered";
}
