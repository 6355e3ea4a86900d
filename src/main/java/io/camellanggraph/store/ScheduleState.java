package io.camellanggraph.store;

/**
 * A Camel-side schedule's durable state, shared by the instances of a cluster: since when the store knows it (the
 * earliest time catch-up looks back to), whether it is paused and why, and how many ticks in a row failed.
 */
public record ScheduleState(String schedule, long declaredAt, boolean paused, String note, long changedAt, int failureStreak) {
}
