package io.camellanggraph.cron;

import java.util.Date;
import java.util.concurrent.ThreadLocalRandom;

import io.camellanggraph.callback.Redaction;
import io.camellanggraph.store.ScheduleState;
import io.camellanggraph.store.TickFate;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.listeners.TriggerListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the fate of each tick of a {@code langgraph:schedule} (a Quartz trigger listener, so a tick that is not to
 * run is vetoed before any exchange exists): paused → {@code missed}; overlapping a run still running → per the
 * overlap policy ({@link ScheduleOverlap}); with jitter, recorded {@code waiting} with its due time and fired then;
 * otherwise recorded {@code fired}; when the store or the server fails meanwhile, {@code failed} with the reason. The
 * record is insert-once per schedule and scheduled time, so in a cluster a tick runs on one instance only. One-off
 * fires of recorded ticks (catch-up, run now, a buffered or jittered tick) carry their tick in the trigger's data and
 * pass (a jittered one unless the schedule was paused meanwhile). Every tick Quartz misfired is recorded {@code missed}.
 */
final class ScheduleTicks extends TriggerListenerSupport {


    private static final Logger LOG = LoggerFactory.getLogger("io.camellanggraph.schedule");

    private final Schedules schedules;

    ScheduleTicks(Schedules schedules) {
        this.schedules = schedules;
    }

    @Override
    public String getName() {
        return "camel-langgraph-schedule-ticks";
    }

    @Override
    public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
        SchedulePolicy policy = schedules.policy(trigger.getJobKey());
        if (policy == null) {
            return false;
        }
        if (!schedules.isReady()) {
            // the store opens once every route has started; catch-up then finds this tick (after the last recorded one)
            LOG.info("Schedule {}: tick at {} came before the schedule store was open; left to catch-up", policy.name(),
                    context.getScheduledFireTime().toInstant());
            return true;
        }
        JobDataMap data = trigger.getJobDataMap();
        long scheduledAt = data.containsKey(TickKeys.SCHEDULED_AT) ? data.getLong(TickKeys.SCHEDULED_AT) : context.getScheduledFireTime().getTime();
        try {
            if (data.containsKey(TickKeys.SCHEDULED_AT)) {
                return recorded(policy, scheduledAt, TickFate.of(data.getString(TickKeys.FATE)), context);
            }
            return decide(policy, context, scheduledAt);
        } catch (RuntimeException e) {
            // not run: without its insert-once record a tick could run twice in a cluster. Recorded failed, so that
            // it does not vanish (catch-up starts after the newest recorded tick); a waiting tick stays waiting in the
            // store and is fired or caught up by the next start
            String reason = Redaction.maskUrl("not run, the store or the server failed at the tick: " + describe(e));
            LOG.error("Schedule {}: tick at {} {}", policy.name(), new Date(scheduledAt).toInstant(), reason);
            if (!data.containsKey(TickKeys.SCHEDULED_AT)) {
                schedules.ledger().recordOrHold(policy.name(), scheduledAt, TickFate.FAILED, reason);
            }
            return true;
        }
    }

    /** A one-off fire of a recorded tick: hands its time and fate to the exchange; a jittered tick fires only now. */
    private boolean recorded(SchedulePolicy policy, long scheduledAt, TickFate fate, JobExecutionContext context) {
        if (fate == TickFate.WAITING) {
            if (!schedules.fireWaiting(policy.name(), scheduledAt)) {
                return true;
            }
            fate = TickFate.FIRED;
        }
        // the merged map becomes the exchange's mergedJobDataMap header
        context.getMergedJobDataMap().put(TickKeys.SCHEDULED_AT, scheduledAt);
        context.getMergedJobDataMap().put(TickKeys.FATE, fate.value());
        return false;
    }

    private boolean decide(SchedulePolicy policy, JobExecutionContext context, long scheduledAt) {
        String name = policy.name();
        TickLedger ledger = schedules.ledger();
        // earlier ticks that failed while the store did are written first: catch-up never jumps over them
        ledger.writeUnrecorded();
        if (ledger.store().recorded(name, scheduledAt)) {
            // catch-up at start records (and fires) the ticks due since the last recorded one, and Quartz, started
            // after it, fires the latest of them late as well; in a cluster, each instance's Quartz fires every tick.
            // The tick has its fate, and its run is not an earlier one to skip over or to cancel (overlap=cancelOther)
            return true;
        }
        ScheduleState paused = ledger.paused(name);
        if (paused != null) {
            ledger.record(name, scheduledAt, TickFate.MISSED, TickLedger.pausedNote(paused));
            return true;
        }
        if (!schedules.overlap().allowsFiring(policy, scheduledAt)) {
            return true;
        }
        if (policy.jitterMillis() > 0) {
            // recorded waiting before its fire exists: a crash in between leaves a row the next start fires or catches up
            long due = scheduledAt + jitterDelay(policy, scheduledAt);
            if (ledger.record(name, scheduledAt, TickFate.WAITING, "jittered, due " + new Date(due).toInstant(), due)) {
                schedules.fireAt(name, scheduledAt, due);
            }
            return true;
        }
        if (!ledger.record(name, scheduledAt, TickFate.FIRED, null)) {
            return true;
        }
        context.getMergedJobDataMap().put(TickKeys.SCHEDULED_AT, scheduledAt);
        context.getMergedJobDataMap().put(TickKeys.FATE, TickFate.FIRED.value());
        return false;
    }

    /**
     * Called with the trigger before Quartz moves it on: its next fire time is the first tick that was missed, and
     * every tick of the schedule from there up to now is missed too (Quartz's "do nothing" skips them all).
     */
    @Override
    public void triggerMisfired(Trigger trigger) {
        SchedulePolicy policy = schedules.policy(trigger.getJobKey());
        // a one-off fire of a recorded tick keeps its recorded fate (Quartz fires it late, now)
        if (policy == null || !schedules.isReady() || trigger.getNextFireTime() == null
                || trigger.getJobDataMap().containsKey(TickKeys.SCHEDULED_AT)) {
            return;
        }
        CatchUpPlan.Ticks missed = CatchUpPlan.ticks(policy, trigger.getNextFireTime().getTime() - 1, System.currentTimeMillis());
        String detail = "not fired within Quartz's misfire threshold";
        for (long at : missed.times()) {
            schedules.ledger().recordOrHold(policy.name(), at, TickFate.MISSED,
                    at == missed.times().get(0) && missed.dropped() > 0 ? detail + " (and " + missed.dropped() + " earlier ticks)" : detail);
        }
    }

    /** The exception and, when it says more, its cause (the database's own words on a store failure). */
    private static String describe(Throwable e) {
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        Throwable cause = e.getCause();
        return cause == null || cause.getMessage() == null || text.contains(cause.getMessage()) ? text : text + " (" + cause.getMessage() + ")";
    }

    /** A random delay in [0, jitter], and always before the schedule's next tick after {@code scheduledAt}. */
    static long jitterDelay(SchedulePolicy policy, long scheduledAt) {
        Date next = policy.expression().getNextValidTimeAfter(new Date(scheduledAt));
        long bound = policy.jitterMillis();
        if (next != null) {
            bound = Math.min(bound, next.getTime() - scheduledAt - 1);
        }
        return bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1);
    }
}
