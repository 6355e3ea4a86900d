package io.camellanggraph.cron;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.client.LangGraphNotFoundException;
import io.camellanggraph.client.Run;
import io.camellanggraph.store.ScheduleState;
import io.camellanggraph.store.ScheduleStore;
import io.camellanggraph.store.ScheduleTick;
import io.camellanggraph.store.TickFate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The overlap policy of the schedules: which runs a schedule's ticks started still run on the server, what a tick
 * does while they run ({@code skip}, {@code bufferOne}/{@code bufferAll}, {@code cancelOther}, {@code allowAll}), and
 * the release of buffered ticks once there is room (none while the schedule is paused: they are recorded missed).
 */
final class ScheduleOverlap {

    private static final Logger LOG = LoggerFactory.getLogger("io.camellanggraph.schedule");
    /** A fired tick without a run counts as running this long at most (its process may have died mid-request). */
    private static final long IN_FLIGHT_MILLIS = 5 * 60_000;

    private final Schedules schedules;

    ScheduleOverlap(Schedules schedules) {
        this.schedules = schedules;
    }

    /** The schedule's ticks whose runs still run on the server; those that ended are marked so on the way. */
    List<ScheduleTick> stillRunning(String name) {
        List<ScheduleTick> running = new ArrayList<>();
        ScheduleStore store = schedules.ledger().store();
        for (ScheduleTick tick : store.unended(name, System.currentTimeMillis() - IN_FLIGHT_MILLIS)) {
            if (tick.runId() == null) {
                // fired, its run request not answered yet: it counts as running
                running.add(tick);
                continue;
            }
            Run run;
            try {
                run = schedules.client().getRun(tick.threadId(), tick.runId());
            } catch (LangGraphNotFoundException gone) {
                run = null;
            }
            if (run == null || run.isTerminal()) {
                store.ended(name, tick.scheduledAt());
            } else {
                running.add(tick);
            }
        }
        return running;
    }

    /** False when the tick is not to fire now because of the runs of the schedule still running (recorded so). */
    boolean allowsFiring(SchedulePolicy policy, long scheduledAt) {
        int limit = policy.concurrencyLimit();
        if (limit == Integer.MAX_VALUE) {
            return true;
        }
        String name = policy.name();
        TickLedger ledger = schedules.ledger();
        List<ScheduleTick> buffered = buffers(policy) ? ledger.store().inFate(name, TickFate.BUFFERED) : List.of();
        List<ScheduleTick> running = stillRunning(name);
        // a buffered tick goes first: a newer one never overtakes it, even when the run it waited for has just ended
        if (running.size() < limit && buffered.isEmpty()) {
            return true;
        }
        String why = running.isEmpty() ? "earlier ticks are buffered" : describe(running.get(running.size() - 1)) + " still running";
        switch (policy.overlap()) {
            case cancelOther -> {
                cancel(name, running, scheduledAt);
                return true;
            }
            case bufferOne, bufferAll -> {
                int room = policy.overlap() == SchedulePolicy.Overlap.bufferOne ? 1 : policy.bufferSize();
                if (buffered.size() < room) {
                    ledger.record(name, scheduledAt, TickFate.BUFFERED, why);
                } else {
                    ledger.record(name, scheduledAt, TickFate.SKIPPED, why + "; buffer full (" + room + ")");
                }
                return false;
            }
            default -> {
                // logged only when this decision is the tick's fate: catch-up at start (or another instance) may have
                // recorded the same tick first, and then it was not skipped
                if (ledger.record(name, scheduledAt, TickFate.SKIPPED, why)) {
                    LOG.info("Schedule {}: tick at {} skipped, {}", name, new Date(scheduledAt).toInstant(), why);
                }
                return false;
            }
        }
    }

    private void cancel(String name, List<ScheduleTick> running, long scheduledAt) {
        LangGraphClient client = schedules.client();
        for (ScheduleTick other : running) {
            if (other.runId() == null) {
                // its run request is not answered yet: there is nothing to cancel
                continue;
            }
            try {
                client.cancelRun(other.threadId(), other.runId(), "interrupt", false);
            } catch (LangGraphNotFoundException gone) {
                LOG.debug("Run {} gone before it was cancelled", other.runId());
            }
            schedules.ledger().store().ended(name, other.scheduledAt());
            LOG.info("Schedule {}: run {} cancelled (overlap=cancelOther) for the tick at {}", name, other.runId(),
                    new Date(scheduledAt).toInstant());
        }
    }

    /**
     * Buffered ticks fire, oldest first, as soon as the schedule has room (one instance releases each); while the
     * schedule is paused they are recorded missed instead.
     */
    void releaseBuffered(Collection<SchedulePolicy> policies) {
        TickLedger ledger = schedules.ledger();
        for (SchedulePolicy policy : policies) {
            if (!buffers(policy)) {
                continue;
            }
            String name = policy.name();
            try {
                List<ScheduleTick> buffered = ledger.store().inFate(name, TickFate.BUFFERED);
                ScheduleState paused = buffered.isEmpty() ? null : ledger.paused(name);
                if (paused != null) {
                    for (ScheduleTick tick : buffered) {
                        ledger.changeFate(name, tick.scheduledAt(), TickFate.BUFFERED, TickFate.MISSED,
                                TickLedger.pausedNote(paused) + " while buffered");
                    }
                } else if (!buffered.isEmpty() && stillRunning(name).size() < policy.concurrencyLimit()) {
                    long next = buffered.get(0).scheduledAt();
                    if (ledger.changeFate(name, next, TickFate.BUFFERED, TickFate.FIRED, "buffered until the previous run ended")) {
                        schedules.fire(name, next, TickFate.FIRED);
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("Schedule {}: buffered ticks not released now: {}", name, e.getMessage());
            }
        }
    }

    private static boolean buffers(SchedulePolicy policy) {
        return policy.overlap() == SchedulePolicy.Overlap.bufferOne || policy.overlap() == SchedulePolicy.Overlap.bufferAll;
    }

    private static String describe(ScheduleTick tick) {
        String at = new Date(tick.scheduledAt()).toInstant().toString();
        return tick.runId() == null ? "the run of the tick at " + at + " (being requested)" : "run " + tick.runId() + " of the tick at " + at;
    }
}
