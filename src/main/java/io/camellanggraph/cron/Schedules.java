package io.camellanggraph.cron;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.camellanggraph.callback.CallbackCounters;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.client.LangGraphNotFoundException;
import io.camellanggraph.client.Run;
import io.camellanggraph.store.JdbcCallbackStore;
import io.camellanggraph.store.ScheduleState;
import io.camellanggraph.store.ScheduleStore;
import io.camellanggraph.store.ScheduleTick;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.EverythingMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Camel-side schedules of one context ({@code langgraph:schedule/<name>}): their policies, the store of their
 * ticks, the Quartz listener deciding each tick's fate ({@link ScheduleTicks}), catch-up of the ticks missed while no
 * instance ran (once every route has started), the release of buffered ticks, and the operations the operator page,
 * the CLI and routes call: pause, resume, run now. Counts every recorded fate for
 * {@code langgraph_schedule_ticks_total{schedule,outcome}}.
 *
 * <p>Just over 300 lines: it is the one place a schedule's state changes (tick, catch-up, buffer, pause, run now), so
 * that each change is recorded before it takes effect; the decisions themselves are in {@link ScheduleTicks} and the
 * catch-up plan.
 */
public final class Schedules extends ServiceSupport implements ExtendedStartupListener {

    /** Quartz job data of a tick that is recorded already: its scheduled time and fate, and a run-now input. */
    public static final String SCHEDULED_AT_KEY = "camelLangGraphScheduledAt";
    public static final String FATE_KEY = "camelLangGraphTickFate";
    public static final String INPUT_KEY = "camelLangGraphInput";

    private static final Logger LOG = LoggerFactory.getLogger("io.camellanggraph.schedule");
    private static final long RELEASE_INTERVAL_MILLIS = 1000;
    /** A fired tick without a run counts as running this long at most (its process may have died mid-request). */
    private static final long IN_FLIGHT_MILLIS = 5 * 60_000;

    private final CamelContext context;
    private final Callable<CallbackHub> hub;
    private final Map<String, SchedulePolicy> policies = new ConcurrentHashMap<>();
    /** {@code <fate>.<schedule>}: the fates this instance recorded. */
    private final CallbackCounters ticks = new CallbackCounters();
    private volatile ScheduleStore store;
    private volatile LangGraphClient client;
    private volatile Scheduler scheduler;
    private ScheduledExecutorService releaser;

    public Schedules(CamelContext context, Callable<CallbackHub> hub) {
        this.context = context;
        this.hub = hub;
    }

    void declare(SchedulePolicy policy) {
        policies.put(policy.name(), policy);
        if (store != null) {
            // a schedule whose route was added after the start
            store.declare(policy.name(), System.currentTimeMillis());
        }
        for (String fate : List.of(ScheduleTick.FIRED, ScheduleTick.SKIPPED, ScheduleTick.MISSED, ScheduleTick.CAUGHT_UP,
                ScheduleTick.FAILED, ScheduleTick.MANUAL)) {
            ticks.add(fate + "." + policy.name(), 0);
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
        long now = System.currentTimeMillis();
        for (String name : policies.keySet()) {
            opened.declare(name, now);
        }
        store = opened;
        long started = System.nanoTime();
        int caughtUp = 0;
        for (SchedulePolicy policy : policies.values()) {
            try {
                caughtUp += catchUp(policy, System.currentTimeMillis());
            } catch (Exception e) {
                // the others still catch up; this one's missed ticks stay unrecorded, so the next start finds them again
                LOG.error("Schedule {}: missed ticks not caught up: {}", policy.name(), e.getMessage());
            }
        }
        if (!policies.isEmpty()) {
            LOG.info("Schedules: {} schedule(s) checked for missed ticks, {} caught up, in {} ms", policies.size(), caughtUp,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        releaser = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "LangGraphScheduleBuffer");
        releaser.scheduleWithFixedDelay(this::releaseBuffered, RELEASE_INTERVAL_MILLIS, RELEASE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Whether the store is open (from the moment every route has started); ticks before are left to catch-up. */
    boolean isReady() {
        return store != null;
    }

    /** Records the ticks missed since the last recorded one and fires those the policy catches up; returns how many. */
    int catchUp(SchedulePolicy policy, long now) throws SchedulerException {
        ScheduleState state = store.state(policy.name());
        long after = Math.max(store.lastScheduled(policy.name()), state == null ? now : state.declaredAt());
        int fired = 0;
        for (CatchUpPlan.Due due : CatchUpPlan.plan(policy, after, now)) {
            String fate = due.fate();
            String detail = due.detail();
            if (ScheduleTick.CAUGHT_UP.equals(fate) && state != null && state.paused()) {
                fate = ScheduleTick.MISSED;
                detail = "app down; schedule paused";
            }
            // insert-once: of instances starting together, one records (and fires) each tick
            if (record(policy.name(), due.scheduledAt(), fate, detail) && ScheduleTick.CAUGHT_UP.equals(fate)) {
                fire(policy.name(), due.scheduledAt(), fate, null);
                fired++;
            }
        }
        return fired;
    }

    /** Fires a tick that is recorded already, now, once. */
    private void fire(String name, long scheduledAt, String fate, String input) throws SchedulerException {
        JobDataMap data = new JobDataMap();
        data.put(ScheduleTicks.SCHEDULED_AT, scheduledAt);
        data.put(ScheduleTicks.FATE, fate);
        if (input != null) {
            data.put(ScheduleTicks.INPUT, input);
        }
        scheduler.triggerJob(JobKey.jobKey(name, QuartzSchedules.GROUP), data);
    }

    /** Buffered ticks fire, oldest first, as soon as the schedule has room (one instance releases each). */
    private void releaseBuffered() {
        for (SchedulePolicy policy : policies.values()) {
            if (policy.overlap() != SchedulePolicy.Overlap.bufferOne && policy.overlap() != SchedulePolicy.Overlap.bufferAll) {
                continue;
            }
            try {
                List<ScheduleTick> buffered = store.buffered(policy.name());
                if (!buffered.isEmpty() && stillRunning(policy.name()).size() < policy.concurrencyLimit()) {
                    ScheduleTick next = buffered.get(0);
                    if (store.changeFate(policy.name(), next.scheduledAt(), ScheduleTick.BUFFERED, ScheduleTick.FIRED,
                            "buffered until the previous run ended", System.currentTimeMillis())) {
                        ticks.increment(ScheduleTick.FIRED + "." + policy.name());
                        fire(policy.name(), next.scheduledAt(), ScheduleTick.FIRED, null);
                    }
                }
            } catch (Exception e) {
                LOG.warn("Schedule {}: buffered ticks not released now: {}", policy.name(), e.getMessage());
            }
        }
    }

    /** The schedule's ticks whose runs still run on the server; those that ended are marked so on the way. */
    List<ScheduleTick> stillRunning(String name) {
        List<ScheduleTick> running = new ArrayList<>();
        for (ScheduleTick tick : store.unended(name, System.currentTimeMillis() - IN_FLIGHT_MILLIS)) {
            if (tick.runId() == null) {
                // fired, its run request not answered yet: it counts as running
                running.add(tick);
                continue;
            }
            Run run;
            try {
                run = client.getRun(tick.threadId(), tick.runId());
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

    /** Records a tick's fate (insert-once) and counts it; false when the tick had a record already. */
    boolean record(String name, long scheduledAt, String fate, String detail) {
        boolean recorded = store.record(name, scheduledAt, fate, detail, System.currentTimeMillis());
        if (recorded) {
            ticks.increment(fate + "." + name);
        }
        return recorded;
    }

    /**
     * A tick's exchange has ended: the run it started, or its failure (the run request refused after the route's
     * retries). Counts failures in a row, and pauses the schedule at {@code pauseAfterFailures}.
     */
    public void tickEnded(String name, long scheduledAt, String runId, String threadId, String failure) {
        SchedulePolicy policy = policies.get(name);
        if (policy == null || store == null) {
            return;
        }
        if (runId != null) {
            store.attachRun(name, scheduledAt, runId, threadId);
        } else {
            // no run to wait for: the tick no longer counts as in flight
            store.ended(name, scheduledAt);
        }
        if (failure == null) {
            store.failureStreak(name, false);
            return;
        }
        fail(name, scheduledAt, failure);
        int streak = store.failureStreak(name, true);
        if (policy.pauseAfterFailures() > 0 && streak >= policy.pauseAfterFailures()) {
            String note = "paused itself after " + streak + " failed ticks in a row (pauseAfterFailures)";
            store.pause(name, true, note, System.currentTimeMillis());
            LOG.warn("Schedule {}: {}; last failure: {}", name, note, failure);
        }
    }

    void fail(String name, long scheduledAt, String failure) {
        for (String from : List.of(ScheduleTick.FIRED, ScheduleTick.CAUGHT_UP, ScheduleTick.MANUAL)) {
            if (store.changeFate(name, scheduledAt, from, ScheduleTick.FAILED, failure, System.currentTimeMillis())) {
                ticks.increment(ScheduleTick.FAILED + "." + name);
                return;
            }
        }
    }

    /** Pauses or resumes a schedule for every instance, with a note; false when no such schedule is declared here. */
    public boolean pause(String name, boolean paused, String note) {
        if (!policies.containsKey(name) || store == null) {
            return false;
        }
        boolean changed = store.pause(name, paused, note, System.currentTimeMillis());
        LOG.info("Schedule {} {}{}", name, paused ? "paused" : "resumed", note == null || note.isBlank() ? "" : ": " + note);
        return changed;
    }

    /** Runs the schedule now, once, with another input (JSON) or its own; recorded {@code manual}. False when unknown. */
    public boolean runNow(String name, String input) throws SchedulerException {
        if (!policies.containsKey(name) || store == null) {
            return false;
        }
        long at = System.currentTimeMillis();
        while (!record(name, at, ScheduleTick.MANUAL, input == null ? null : "with another input")) {
            at++;
        }
        fire(name, at, ScheduleTick.MANUAL, input);
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
        return store;
    }

    public CallbackCounters ticks() {
        return ticks;
    }

    LangGraphClient client() {
        return client;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    @Override
    protected void doStop() throws Exception {
        if (releaser != null) {
            context.getExecutorServiceManager().shutdownNow(releaser);
            releaser = null;
        }
    }
}
