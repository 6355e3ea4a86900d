package io.camellanggraph.cron;

import java.util.Date;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.client.LangGraphNotFoundException;
import io.camellanggraph.store.ScheduleState;
import io.camellanggraph.store.ScheduleStore;
import io.camellanggraph.store.ScheduleTick;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.listeners.TriggerListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the fate of each tick of a {@code langgraph:schedule} (a Quartz trigger listener, so a tick that is not to
 * run is vetoed before any exchange exists): paused → {@code missed}; overlapping a run still running → per the
 * overlap policy ({@code skipped}, {@code buffered}, the other run cancelled, or allowed); with jitter, re-scheduled a
 * random delay later; otherwise recorded {@code fired}. The record is insert-once per schedule and scheduled time, so
 * in a cluster a tick runs on one instance only. One-off fires this class or {@link Schedules} created (catch-up,
 * run now, a buffered or jittered tick) carry their recorded tick in the trigger's data and pass straight through.
 */
final class ScheduleTicks extends TriggerListenerSupport {

    static final String SCHEDULED_AT = Schedules.SCHEDULED_AT_KEY;
    static final String FATE = Schedules.FATE_KEY;
    static final String INPUT = Schedules.INPUT_KEY;

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
        if (data.containsKey(SCHEDULED_AT)) {
            // recorded already: hand its time and fate to the exchange (the merged map becomes its mergedJobDataMap header)
            context.getMergedJobDataMap().put(SCHEDULED_AT, data.getLong(SCHEDULED_AT));
            context.getMergedJobDataMap().put(FATE, data.getString(FATE));
            return false;
        }
        long scheduledAt = context.getScheduledFireTime().getTime();
        try {
            return decide(policy, trigger, context, scheduledAt);
        } catch (RuntimeException e) {
            // without its insert-once record a tick could run twice in a cluster: not run; having no row, the tick is
            // found by catch-up at the next start
            LOG.error("Schedule {}: tick at {} not run, its fate could not be recorded: {}", policy.name(),
                    new Date(scheduledAt).toInstant(), e.getMessage());
            return true;
        }
    }

    private boolean decide(SchedulePolicy policy, Trigger trigger, JobExecutionContext context, long scheduledAt) {
        String name = policy.name();
        ScheduleStore store = schedules.store();
        ScheduleState state = store.state(name);
        if (store.recorded(name, scheduledAt)) {
            // catch-up at start records (and fires) the ticks due since the last recorded one, and Quartz, started
            // after it, fires the latest of them late as well; in a cluster, each instance's Quartz fires every tick.
            // The tick has its fate, and its run is not an earlier one to skip over or to cancel (overlap=cancelOther)
            return true;
        }
        if (state != null && state.paused()) {
            schedules.record(name, scheduledAt, ScheduleTick.MISSED, "paused" + (state.note() == null ? "" : ": " + state.note()));
            return true;
        }
        if (!overlapAllowsFiring(policy, scheduledAt)) {
            return true;
        }
        if (policy.jitterMillis() > 0) {
            return jittered(policy, trigger, scheduledAt);
        }
        if (!schedules.record(name, scheduledAt, ScheduleTick.FIRED, null)) {
            return true;
        }
        context.getMergedJobDataMap().put(SCHEDULED_AT, scheduledAt);
        context.getMergedJobDataMap().put(FATE, ScheduleTick.FIRED);
        return false;
    }

    @Override
    public void triggerMisfired(Trigger trigger) {
        SchedulePolicy policy = schedules.policy(trigger.getJobKey());
        // called with the trigger before Quartz moves it on: its next fire time is the tick that was missed
        if (policy != null && schedules.isReady() && trigger.getNextFireTime() != null) {
            schedules.record(policy.name(), trigger.getNextFireTime().getTime(), ScheduleTick.MISSED,
                    "not fired within Quartz's misfire threshold");
        }
    }

    /** False when the tick is not to fire now because of the runs of the schedule still running (recorded so). */
    private boolean overlapAllowsFiring(SchedulePolicy policy, long scheduledAt) {
        int limit = policy.concurrencyLimit();
        if (limit == Integer.MAX_VALUE) {
            return true;
        }
        String name = policy.name();
        boolean buffering = policy.overlap() == SchedulePolicy.Overlap.bufferOne || policy.overlap() == SchedulePolicy.Overlap.bufferAll;
        List<ScheduleTick> buffered = buffering ? schedules.store().buffered(name) : List.of();
        List<ScheduleTick> running = schedules.stillRunning(name);
        // a buffered tick goes first: a newer one never overtakes it, even when the run it waited for has just ended
        if (running.size() < limit && buffered.isEmpty()) {
            return true;
        }
        String why = running.isEmpty() ? "earlier ticks are buffered" : describe(running.get(running.size() - 1)) + " still running";
        switch (policy.overlap()) {
            case cancelOther -> {
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
                    schedules.store().ended(name, other.scheduledAt());
                    LOG.info("Schedule {}: run {} cancelled (overlap=cancelOther) for the tick at {}", name, other.runId(),
                            new Date(scheduledAt).toInstant());
                }
                return true;
            }
            case bufferOne, bufferAll -> {
                int room = policy.overlap() == SchedulePolicy.Overlap.bufferOne ? 1 : policy.bufferSize();
                if (buffered.size() < room) {
                    schedules.record(name, scheduledAt, ScheduleTick.BUFFERED, why);
                } else {
                    schedules.record(name, scheduledAt, ScheduleTick.SKIPPED, why + "; buffer full (" + room + ")");
                }
                return false;
            }
            default -> {
                // logged only when this decision is the tick's fate: catch-up at start (or another instance) may have
                // recorded the same tick first, and then it was not skipped
                if (schedules.record(name, scheduledAt, ScheduleTick.SKIPPED, why)) {
                    LOG.info("Schedule {}: tick at {} skipped, {}", name, new Date(scheduledAt).toInstant(), why);
                }
                return false;
            }
        }
    }

    private static String describe(ScheduleTick tick) {
        String at = new Date(tick.scheduledAt()).toInstant().toString();
        return tick.runId() == null ? "the run of the tick at " + at + " (being requested)" : "run " + tick.runId() + " of the tick at " + at;
    }

    /** Records the tick {@code fired} and fires it once, a random delay later but before the schedule's next tick. */
    private boolean jittered(SchedulePolicy policy, Trigger trigger, long scheduledAt) {
        if (!schedules.record(policy.name(), scheduledAt, ScheduleTick.FIRED, null)) {
            return true;
        }
        long delay = jitterDelay(policy, scheduledAt);
        JobDataMap data = new JobDataMap();
        data.put(SCHEDULED_AT, scheduledAt);
        data.put(FATE, ScheduleTick.FIRED);
        try {
            schedules.scheduler().scheduleJob(TriggerBuilder.newTrigger().forJob(trigger.getJobKey()).usingJobData(data)
                    .startAt(new Date(scheduledAt + delay)).build());
        } catch (SchedulerException e) {
            schedules.fail(policy.name(), scheduledAt, "jittered fire not scheduled: " + e.getMessage());
        }
        return true;
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
