package io.camellanggraph.cron;

import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.camellanggraph.callback.CallbackCounters;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.store.JdbcCallbackStore;
import io.camellanggraph.store.ScheduleState;
import io.camellanggraph.store.ScheduleStore;
import io.camellanggraph.store.TickFate;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.EverythingMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Camel-side schedules of one context ({@code langgraph:schedule/<name>}): their policies, the ledger of their
 * ticks ({@link TickLedger}), the Quartz listener deciding each tick's fate ({@link ScheduleTicks}), catch-up of the
 * ticks missed while no instance ran ({@link ScheduleCatchUp}, once every route has started), the one-off fires of
 * recorded ticks (caught-up, buffered, jittered, run now), the release of buffered ticks, and the operations the
 * operator page, the CLI and routes call: pause, resume, run now.
 */
public final class Schedules extends ServiceSupport implements ExtendedStartupListener {

    private static final Logger LOG = LoggerFactory.getLogger("io.camellanggraph.schedule");
    private static final long RELEASE_INTERVAL_MILLIS = 1000;

    private final CamelContext context;
    private final Callable<CallbackHub> hub;
    private final Map<String, SchedulePolicy> policies = new ConcurrentHashMap<>();
    /** {@code <fate>.<schedule>}: the fates this instance recorded. */
    private final CallbackCounters ticks = new CallbackCounters();
    private final ScheduleOverlap overlap = new ScheduleOverlap(this);
    private volatile TickLedger ledger;
    private volatile LangGraphClient client;
    private volatile Scheduler scheduler;
    private ScheduledExecutorService releaser;

    public Schedules(CamelContext context, Callable<CallbackHub> hub) {
        this.context = context;
        this.hub = hub;
    }

    void declare(SchedulePolicy policy) {
        policies.put(policy.name(), policy);
        if (ledger != null) {
            // a schedule whose route was added after the start
            ledger.store().declare(policy.name(), System.currentTimeMillis());
        }
        for (TickFate fate : List.of(TickFate.FIRED, TickFate.SKIPPED, TickFate.MISSED, TickFate.CAUGHT_UP, TickFate.FAILED,
                TickFate.MANUAL)) {
            ticks.add(fate.value() + "." + policy.name(), 0);
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        // before Quartz starts firing: a tick that comes before the store is open is vetoed and left to catch-up
        scheduler = context.getComponent("quartz", QuartzComponent.class).getScheduler();
        scheduler.getListenerManager().addTriggerListener(new ScheduleTicks(this), EverythingMatcher.allTriggers());
        if (alreadyStarted) {
            // the first langgraph:schedule came with a route added to a running context: no "fully started" follows
            try {
                onCamelContextFullyStarted(context, true);
            } catch (Exception e) {
                LOG.warn("Schedules added to a running context: their ticks are not run (nor recorded) until the callback"
                        + " path can start: {}", e.getMessage());
            }
        }
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        // the callback path is complete only now (its receiver binds when the HTTP server's routes exist)
        CallbackHub callbacks = hub.call();
        if (!(callbacks.store() instanceof JdbcCallbackStore jdbc)) {
            throw new IllegalStateException("langgraph:schedule needs the JDBC callback store");
        }
        client = callbacks.client();
        ScheduleStore opened = new ScheduleStore(jdbc.dataSource());
        for (String name : policies.keySet()) {
            opened.declare(name, System.currentTimeMillis());
        }
        // ticks before this moment were vetoed (store not open) and are catch-up's; Quartz records those after it
        long now = System.currentTimeMillis();
        ledger = new TickLedger(opened, ticks, policies::get);
        long started = System.nanoTime();
        int caughtUp = 0;
        for (SchedulePolicy policy : policies.values()) {
            try {
                caughtUp += catchUp(policy, now);
            } catch (RuntimeException e) {
                // the others still catch up; this one's missed ticks stay unrecorded, so the next start finds them again
                LOG.error("Schedule {}: missed ticks not caught up: {}", policy.name(), e.getMessage());
            }
        }
        if (!policies.isEmpty()) {
            LOG.info("Schedules: {} schedule(s) checked for missed ticks, {} caught up, in {} ms", policies.size(), caughtUp,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        releaser = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "LangGraphScheduleBuffer");
        releaser.scheduleWithFixedDelay(() -> {
            // failed ticks held while the store failed are written first, then buffered ticks released
            ledger.writeUnrecorded();
            overlap.releaseBuffered(policies.values());
        }, RELEASE_INTERVAL_MILLIS, RELEASE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Whether the store is open (from the moment every route has started); ticks before are left to catch-up. */
    boolean isReady() {
        return ledger != null;
    }

    /** Records the ticks missed since the last recorded one and fires those the policy catches up; returns how many. */
    int catchUp(SchedulePolicy policy, long now) {
        return new ScheduleCatchUp(this, ledger).catchUp(policy, now);
    }

    /** Fires a tick that is recorded already, now, once; when Quartz refuses, the tick is recorded failed. */
    void fire(String name, long scheduledAt, TickFate fate) {
        try {
            triggerNow(name, scheduledAt, fate, null);
        } catch (SchedulerException e) {
            ledger.fail(name, scheduledAt, "not fired: " + e.getMessage());
        }
    }

    private void triggerNow(String name, long scheduledAt, TickFate fate, String input) throws SchedulerException {
        JobDataMap data = new JobDataMap();
        data.put(TickKeys.SCHEDULED_AT, scheduledAt);
        data.put(TickKeys.FATE, fate.value());
        if (input != null) {
            data.put(TickKeys.INPUT, input);
        }
        scheduler.triggerJob(JobKey.jobKey(name, QuartzSchedules.GROUP), data);
    }

    /**
     * Fires a {@code waiting} (jittered) tick at its due time, on this instance; when Quartz refuses, it is recorded
     * failed. Whichever instance fires it first marks it fired ({@link #fireWaiting}); the others' fires are vetoed.
     */
    void fireAt(String name, long scheduledAt, long dueAt) {
        JobDataMap data = new JobDataMap();
        data.put(TickKeys.SCHEDULED_AT, scheduledAt);
        data.put(TickKeys.FATE, TickFate.WAITING.value());
        try {
            scheduler.scheduleJob(TriggerBuilder.newTrigger().forJob(JobKey.jobKey(name, QuartzSchedules.GROUP)).usingJobData(data)
                    .startAt(new Date(dueAt)).build());
        } catch (SchedulerException e) {
            ledger.changeFate(name, scheduledAt, TickFate.WAITING, TickFate.FAILED, "jittered fire not scheduled: " + e.getMessage());
        }
    }

    /**
     * A {@code waiting} tick's due time has come: true when it is to fire now (marked fired); false when the schedule
     * is paused now (marked missed) or the tick has its fate already (caught up by an instance that started meanwhile).
     */
    boolean fireWaiting(String name, long scheduledAt) {
        ScheduleState paused = ledger.paused(name);
        if (paused != null) {
            ledger.changeFate(name, scheduledAt, TickFate.WAITING, TickFate.MISSED, TickLedger.pausedNote(paused) + " before its jittered fire");
            return false;
        }
        return ledger.changeFate(name, scheduledAt, TickFate.WAITING, TickFate.FIRED, "fired after its jitter delay");
    }

    /**
     * A tick's exchange has ended: the run it started, or its failure (the run request refused after the route's
     * retries). Counts failures in a row, and pauses the schedule at {@code pauseAfterFailures}.
     */
    public void tickEnded(String name, long scheduledAt, String runId, String threadId, String failure) {
        TickLedger ticks = ledger;
        if (!policies.containsKey(name) || ticks == null) {
            return;
        }
        if (runId != null) {
            ticks.store().attachRun(name, scheduledAt, runId, threadId);
        } else {
            // no run to wait for: the tick no longer counts as in flight
            ticks.store().ended(name, scheduledAt);
        }
        if (failure == null) {
            ticks.store().failureStreak(name, false);
            return;
        }
        ticks.fail(name, scheduledAt, failure);
        ticks.countFailure(name, failure);
    }

    /** Pauses or resumes a schedule for every instance, with a note; false when no such schedule is declared here. */
    public boolean pause(String name, boolean paused, String note) {
        if (!policies.containsKey(name) || ledger == null) {
            return false;
        }
        boolean changed = ledger.store().pause(name, paused, note, System.currentTimeMillis());
        LOG.info("Schedule {} {}{}", name, paused ? "paused" : "resumed", note == null || note.isBlank() ? "" : ": " + note);
        return changed;
    }

    /** Runs the schedule now, once, with another input (JSON) or its own; recorded {@code manual}. False when unknown. */
    public boolean runNow(String name, String input) throws SchedulerException {
        if (!policies.containsKey(name) || ledger == null) {
            return false;
        }
        long at = System.currentTimeMillis();
        while (!ledger.record(name, at, TickFate.MANUAL, input == null ? null : "with another input")) {
            at++;
        }
        // the caller learns when Quartz refuses
        triggerNow(name, at, TickFate.MANUAL, input);
        return true;
    }

    /** The policy of a schedule's Quartz job, or null for a job that is not a {@code langgraph:schedule}. */
    SchedulePolicy policy(JobKey job) {
        return QuartzSchedules.GROUP.equals(job.getGroup()) ? policies.get(job.getName()) : null;
    }

    public SchedulePolicy policy(String name) {
        return policies.get(name);
    }

    public Collection<SchedulePolicy> policies() {
        return List.copyOf(policies.values());
    }

    /** The store of the schedules' ticks and state (null until the context has started). */
    public ScheduleStore store() {
        TickLedger ticks = ledger;
        return ticks == null ? null : ticks.store();
    }

    /** The ledger of the ticks' fates (null until the context has started). */
    TickLedger ledger() {
        return ledger;
    }

    public CallbackCounters ticks() {
        return ticks;
    }

    ScheduleOverlap overlap() {
        return overlap;
    }

    LangGraphClient client() {
        return client;
    }

    @Override
    protected void doStop() throws Exception {
        if (releaser != null) {
            context.getExecutorServiceManager().shutdownNow(releaser);
            releaser = null;
        }
    }
}
