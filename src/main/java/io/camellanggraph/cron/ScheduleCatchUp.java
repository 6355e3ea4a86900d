package io.camellanggraph.cron;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.camellanggraph.store.ScheduleState;
import io.camellanggraph.store.ScheduleStore;
import io.camellanggraph.store.ScheduleTick;
import io.camellanggraph.store.TickFate;

/**
 * Catch-up of one schedule at start: the ticks that fell due since its newest recorded tick (or since the store first
 * saw it) are recorded {@code missed} or {@code caught-up} per the {@link CatchUpPlan}, insert-once so that of
 * instances starting together one records, and fires, each. A {@code waiting} (jittered) tick whose due time passed
 * while no instance ran is one of those due ticks: its row moves to the plan's fate (fired now when caught up). A
 * waiting tick not due yet gets its fire at the due time on this instance too; the first instance to fire it wins.
 */
final class ScheduleCatchUp {

    private final Schedules schedules;
    private final TickLedger ledger;

    ScheduleCatchUp(Schedules schedules, TickLedger ledger) {
        this.schedules = schedules;
        this.ledger = ledger;
    }

    /** Records the ticks missed since the last recorded one and fires those the policy catches up; returns how many. */
    int catchUp(SchedulePolicy policy, long now) {
        String name = policy.name();
        ScheduleStore store = ledger.store();
        ScheduleState state = store.state(name);
        Set<Long> overdue = new TreeSet<>();
        List<ScheduleTick> notDue = new ArrayList<>();
        for (ScheduleTick waiting : store.inFate(name, TickFate.WAITING)) {
            if (waiting.dueAt() <= now) {
                overdue.add(waiting.scheduledAt());
            } else {
                notDue.add(waiting);
            }
        }
        // a tick Quartz fired after now (the store opened, catch-up still running) hides none of the earlier ones
        long after = Math.max(store.lastScheduled(name, now), state == null ? now : state.declaredAt());
        if (!overdue.isEmpty()) {
            // from the oldest overdue waiting tick on: the ticks recorded since are skipped by insert-once
            after = Math.min(after, overdue.iterator().next() - 1);
        }
        int fired = 0;
        for (CatchUpPlan.Due due : CatchUpPlan.plan(policy, after, now)) {
            TickFate fate = due.fate();
            String detail = due.detail();
            if (fate == TickFate.CAUGHT_UP && state != null && state.paused()) {
                fate = TickFate.MISSED;
                detail = "app down; schedule paused";
            }
            long at = due.scheduledAt();
            // insert-once (or, for a waiting tick, a change from waiting): of instances starting together, one owns it
            boolean owned = overdue.remove(at)
                    ? ledger.changeFate(name, at, TickFate.WAITING, fate, detail + " (during its jitter delay)")
                    : ledger.record(name, at, fate, detail);
            if (owned && fate == TickFate.CAUGHT_UP) {
                schedules.fire(name, at, fate);
                fired++;
            }
        }
        for (long at : overdue) {
            // older than the newest 1,000 ticks the plan lists
            ledger.changeFate(name, at, TickFate.WAITING, TickFate.MISSED, "app down during its jitter delay; too old to catch up");
        }
        for (ScheduleTick waiting : notDue) {
            schedules.fireAt(name, waiting.scheduledAt(), waiting.dueAt());
        }
        return fired;
    }
}
