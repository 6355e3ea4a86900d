package io.camellanggraph.store;

/**
 * One tick of a Camel-side schedule and its {@link TickFate}. {@code scheduledAt} is the tick's time on the schedule
 * (epoch millis), {@code dueAt} the time a {@code waiting} (jittered) tick fires (0 for the others),
 * {@code runId}/{@code threadId} the run it started, if any.
 */
public record ScheduleTick(String schedule, long scheduledAt, TickFate fate, long recordedAt, String runId, String threadId,
                           boolean ended, String detail, long dueAt) {
}
