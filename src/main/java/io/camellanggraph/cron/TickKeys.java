package io.camellanggraph.cron;

/**
 * Every key the schedules put in Quartz's job data, in one place: a recorded tick's scheduled time, fate and run-now
 * input (set on one-off triggers by {@link Schedules}, read by {@link ScheduleTicks} and the component's schedule
 * notifier), and the schedule's last run (kept by the component's overlap guard for the next tick).
 */
public final class TickKeys {

    /** Epoch ms the tick was scheduled for; its presence marks a trigger as a recorded tick's one-off fire. */
    public static final String SCHEDULED_AT = "camelLangGraphScheduledAt";
    /** The recorded tick's fate ({@link io.camellanggraph.store.TickFate#value()}). */
    public static final String FATE = "camelLangGraphTickFate";
    /** A run-now tick's input, as JSON text. */
    public static final String INPUT = "camelLangGraphInput";
    /** The thread and run the schedule's previous tick started (job data of the schedule's job). */
    public static final String LAST_THREAD = "camelLangGraphLastThreadId";
    public static final String LAST_RUN = "camelLangGraphLastRunId";

    private TickKeys() {
    }
}
