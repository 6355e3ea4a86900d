package io.camellanggraph.cron;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import io.camellanggraph.store.TickFate;
import org.quartz.CronExpression;

/**
 * The ticks of a schedule that fell due while no instance ran, and the fate each gets under the schedule's
 * {@code catchUp} policy: {@code caught-up} (runs now, carrying its scheduled time) or {@code missed} (recorded only).
 * Pure computation from the last recorded tick, the expression and the clock.
 */
public final class CatchUpPlan {

    /** At most this many missed ticks are recorded one by one; older ones are counted on the oldest recorded row. */
    static final int MAX_TICKS = 1000;

    /** A due tick and its fate. */
    public record Due(long scheduledAt, TickFate fate, String detail) {
    }

    /** The schedule's ticks after {@code after} (exclusive) up to {@code now} (inclusive): the newest 1,000, oldest first. */
    public record Ticks(List<Long> times, long dropped) {
    }

    private CatchUpPlan() {
    }

    /** The ticks after {@code after} (exclusive) up to {@code now} (inclusive), oldest first, with their fates. */
    public static List<Due> plan(SchedulePolicy policy, long after, long now) {
        Ticks ticks = ticks(policy, after, now);
        List<Long> due = ticks.times();
        long dropped = ticks.dropped();
        long windowStart = now - policy.catchUpWindowMillis();
        List<Due> plan = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            long at = due.get(i);
            boolean inWindow = at >= windowStart;
            boolean latest = i == due.size() - 1;
            boolean runs = inWindow && (policy.catchUp() == SchedulePolicy.CatchUp.all
                    || policy.catchUp() == SchedulePolicy.CatchUp.last && latest);
            String detail = runs ? "app down at the tick" : !inWindow ? "app down; older than catchUpWindow"
                    : policy.catchUp() == SchedulePolicy.CatchUp.none ? "app down; catchUp=none" : "app down; a later tick caught up";
            if (i == 0 && dropped > 0) {
                detail += " (and " + dropped + " earlier ticks)";
            }
            plan.add(new Due(at, runs ? TickFate.CAUGHT_UP : TickFate.MISSED, detail));
        }
        return plan;
    }

    /** The ticks of the schedule's expression (in its zone) after {@code after} (exclusive) up to {@code now} (inclusive). */
    public static Ticks ticks(SchedulePolicy policy, long after, long now) {
        CronExpression expression = policy.expression();
        ArrayDeque<Long> due = new ArrayDeque<>();
        long dropped = 0;
        for (Date t = expression.getNextValidTimeAfter(new Date(after)); t != null && t.getTime() <= now;
                t = expression.getNextValidTimeAfter(t)) {
            due.add(t.getTime());
            if (due.size() > MAX_TICKS) {
                due.removeFirst();
                dropped++;
            }
        }
        return new Ticks(List.copyOf(due), dropped);
    }
}
