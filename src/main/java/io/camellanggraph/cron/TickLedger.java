package io.camellanggraph.cron;

import java.util.List;
import java.util.function.Function;

import io.camellanggraph.callback.CallbackCounters;
import io.camellanggraph.store.ScheduleState;
import io.camellanggraph.store.ScheduleStore;
import io.camellanggraph.store.TickFate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the fates of the schedules' ticks to the store, and counts each for
 * {@code langgraph_schedule_ticks_total{schedule,outcome}}: inserted once per schedule and scheduled time (whoever
 * inserts owns the tick), changed only from an expected fate. A tick that failed while the store failed too is held
 * ({@link UnrecordedTicks}) and written first when the store answers again. Failures count towards a schedule's
 * {@code pauseAfterFailures}.
 */
final class TickLedger {

    private static final Logger LOG = LoggerFactory.getLogger("io.camellanggraph.schedule");

    private final ScheduleStore store;
    /** {@code <fate>.<schedule>}: the fates this instance recorded. */
    private final CallbackCounters counters;
    private final Function<String, SchedulePolicy> policies;
    private final UnrecordedTicks unrecorded = new UnrecordedTicks();

    TickLedger(ScheduleStore store, CallbackCounters counters, Function<String, SchedulePolicy> policies) {
        this.store = store;
        this.counters = counters;
        this.policies = policies;
    }

    ScheduleStore store() {
        return store;
    }

    /** Records a tick's fate (insert-once) and counts it; false when the tick had a record already. */
    boolean record(String name, long scheduledAt, TickFate fate, String detail) {
        return record(name, scheduledAt, fate, detail, 0);
    }

    /** Records a tick's fate with its due time (a waiting tick's), insert-once, and counts it. */
    boolean record(String name, long scheduledAt, TickFate fate, String detail, long dueAt) {
        boolean recorded = store.record(name, scheduledAt, fate, detail, System.currentTimeMillis(), dueAt);
        if (recorded) {
            counters.increment(fate.value() + "." + name);
        }
        return recorded;
    }

    /** Moves a tick from one fate to another and counts it; false when it is not (any more) in {@code from}. */
    boolean changeFate(String name, long scheduledAt, TickFate from, TickFate to, String detail) {
        boolean changed = store.changeFate(name, scheduledAt, from, to, detail, System.currentTimeMillis());
        if (changed) {
            counters.increment(to.value() + "." + name);
        }
        return changed;
    }

    /** A tick that fired could not start its run: recorded failed (the streak is the caller's). */
    void fail(String name, long scheduledAt, String failure) {
        for (TickFate from : List.of(TickFate.FIRED, TickFate.CAUGHT_UP, TickFate.MANUAL)) {
            if (changeFate(name, scheduledAt, from, TickFate.FAILED, failure)) {
                return;
            }
        }
    }

    /**
     * Records a tick's fate, or, while the store fails, holds it until the store answers (written before any newer
     * tick). A {@code failed} tick (its fate could not be decided because the store or the server failed) counts
     * towards {@code pauseAfterFailures}.
     */
    void recordOrHold(String name, long scheduledAt, TickFate fate, String reason) {
        unrecorded.hold(new UnrecordedTicks.Tick(name, scheduledAt, fate, reason));
        writeUnrecorded();
    }

    /** Writes the ticks held while the store failed, oldest first (before a newer tick is recorded). */
    void writeUnrecorded() {
        unrecorded.writeAll(tick -> {
            if (record(tick.schedule(), tick.scheduledAt(), tick.fate(), tick.reason()) && tick.fate() == TickFate.FAILED) {
                countFailure(tick.schedule(), tick.reason());
            }
        });
    }

    /** Counts a failed tick in the schedule's streak and pauses the schedule at {@code pauseAfterFailures}. */
    void countFailure(String name, String failure) {
        SchedulePolicy policy = policies.apply(name);
        int streak = store.failureStreak(name, true);
        if (policy != null && policy.pauseAfterFailures() > 0 && streak >= policy.pauseAfterFailures()) {
            String note = "paused itself after " + streak + " failed ticks in a row (pauseAfterFailures)";
            store.pause(name, true, note, System.currentTimeMillis());
            LOG.warn("Schedule {}: {}; last failure: {}", name, note, failure);
        }
    }

    /** The schedule's state when it is paused now, else null. */
    ScheduleState paused(String name) {
        ScheduleState state = store.state(name);
        return state != null && state.paused() ? state : null;
    }

    /** The detail of a tick not run because the schedule is paused. */
    static String pausedNote(ScheduleState state) {
        return "paused" + (state.note() == null ? "" : ": " + state.note());
    }
}
