package io.camellanggraph.callback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.InboxEntry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callback path of one component, as a service: it wires the stages (receive and record in
 * {@link ClaimIntake}, confirm in {@link OutcomeConfirmer}, dispatch and mark in {@link OutcomeDispatcher}, with
 * {@link ClaimPipeline} between them), keeps who consumes which callback name, and runs the {@link Reconciler}.
 * Started, it routes what the inbox still holds; stopped, it takes no new work and leaves pending rows for the next
 * start.
 *
 * <p>Its periodic work runs on three schedulers ({@link Pools}), so that nothing waits behind a call to the server that
 * has not answered yet: the claims' lease renewal alone on one, the timers (awaitWebhook timeouts, re-checks, rescans of
 * the inbox: store reads, quick) on another, the reconciler (calls to the server) on the background one.
 */
public final class CallbackHub extends ServiceSupport {

    /** Metadata key marking a thread this app kept only to read its values and deletes after routing. */
    public static final String CLEANUP_METADATA = "camel_langgraph_cleanup";
    /** Metadata key carrying the correlation id, so a run can be found again without its webhook. */
    public static final String CORRELATION_METADATA = "camel_langgraph_cid";

    private static final Logger LOG = LoggerFactory.getLogger(CallbackHub.class);
    /** Rows read per rescan: about what the dispatch queue takes, so a flood's backlog is not read whole every second. */
    static final int RESCAN_PAGE = 1_000;

    private final LangGraphClient client;
    private final CallbackStore store;
    private final CallbackUrls urls;
    private final Correlator correlator;
    private final ExecutorService executor;
    private final Pools pools;
    private final ScheduledExecutorService timer;
    private final CallbackCounters counters = new CallbackCounters();
    private final OutcomeDispatcher dispatcher;
    private final ClaimPipeline pipeline;
    private final ClaimIntake intake;
    private final Reconciler reconciler;
    private final Map<String, RunFinder> finders = new ConcurrentHashMap<>();
    /** Callback names producers await without a consumer route, with the longest awaitTimeout each was given. */
    private final Map<String, Long> awaitOnlyNames = new ConcurrentHashMap<>();
    private final CallbackOptions options;
    private final List<Future<?>> tasks = new ArrayList<>();

    /**
     * Where the callback path's work runs: {@code dispatch} confirms and routes claims; {@code timer} runs timeouts,
     * re-checks and rescans, which never call the server; {@code leases} renews the claims' leases and nothing else;
     * {@code background} runs the passes that call the server or work through many rows (reconcile, expiry, recovery,
     * pruning), so a silent server delays only those.
     */
    public record Pools(ExecutorService dispatch, ScheduledExecutorService timer, ScheduledExecutorService leases,
                        ScheduledExecutorService background) {
    }

    /** Tuning of the callback path, as the component's options set it. */
    public record CallbackOptions(boolean detectInterrupts, boolean trustWebhookBody, long reconcileAfterMillis,
                                  long reconcileIntervalMillis, long dedupWindowMillis, long leaseMillis,
                                  int dispatchQueueSize, int floodClaimsPerSecond, int floodChecksPerSecond) {
    }

    /** This instance's name in the store's claims: unique per start, so a restarted instance is a new owner. */
    private final String owner = hostName() + "-" + java.util.UUID.randomUUID();

    public CallbackHub(LangGraphClient client, CallbackStore store, CallbackUrls urls, Pools pools, CallbackOptions options) {
        this.client = client;
        this.store = store;
        this.urls = urls;
        this.pools = pools;
        this.executor = pools.dispatch();
        this.timer = pools.timer();
        this.options = options;
        this.correlator = new Correlator(timer);
        this.dispatcher = new OutcomeDispatcher(store, correlator, client, counters, owner,
                name -> awaitOnlyNames.getOrDefault(name, -1L));
        OutcomeConfirmer confirmer = new OutcomeConfirmer(client, options.detectInterrupts(), options.trustWebhookBody(),
                name -> finders.containsKey(name) ? finders.get(name).expectedAssistant() : null);
        ClaimRefusals refusals = new ClaimRefusals(store, counters);
        this.pipeline = new ClaimPipeline(store, confirmer, dispatcher, executor, timer, counters, client.mapper(),
                options.reconcileIntervalMillis(), this::sweepNow, owner, options.leaseMillis(), options.dispatchQueueSize(),
                ClaimPipeline.MAX_HELD, new FloodGuard(System::currentTimeMillis, options.floodClaimsPerSecond(),
                options.floodChecksPerSecond()), refusals);
        this.intake = new ClaimIntake(store, pipeline, refusals, counters, client.mapper());
        this.reconciler = new Reconciler(client, store, intake, counters, finders, options.reconcileAfterMillis(),
                options.dedupWindowMillis());
    }

    @Override
    protected void doStart() {
        tasks.add(pools.background().scheduleWithFixedDelay(reconciler, Math.min(options.reconcileIntervalMillis(), 2000),
                options.reconcileIntervalMillis(), TimeUnit.MILLISECONDS));
        // claims left in the inbox while the dispatch threads were saturated are taken up again as they free up
        tasks.add(timer.scheduleWithFixedDelay(() -> {
            if (pipeline.hasBacklog()) {
                rescan();
            }
        }, 1, 1, TimeUnit.SECONDS));
        // the leases: this instance's claims are renewed well before they run out; rows another instance left
        // pending, or held until it died (its lease ran out), are taken over, without a restart
        long lease = options.leaseMillis();
        tasks.add(pools.leases().scheduleWithFixedDelay(this::renewClaims, lease / 3, lease / 3, TimeUnit.MILLISECONDS));
        tasks.add(timer.scheduleWithFixedDelay(this::rescan, lease / 2, lease / 2, TimeUnit.MILLISECONDS));
        routeUnrouted();
    }

    @Override
    protected void doStop() {
        tasks.forEach(task -> task.cancel(false));
        tasks.clear();
        int stopped = correlator.stopAll();
        if (stopped > 0) {
            LOG.info("{} exchanges waiting for a callback (awaitWebhook) failed: the callback path stops", stopped);
        }
        try {
            // handed back now rather than when the leases run out: the other instances take them at once
            int released = store.releaseClaims(owner);
            if (released > 0) {
                LOG.info("Handed back {} claimed outcomes for other instances to route", released);
            }
        } catch (RuntimeException e) {
            LOG.warn("Claims not handed back, they are taken over when their leases run out: {}", e.getMessage());
        }
    }

    private void renewClaims() {
        try {
            store.renewClaims(owner, System.currentTimeMillis() + options.leaseMillis());
        } catch (RuntimeException e) {
            LOG.warn("Claims not renewed now (next try in {} ms): {}", options.leaseMillis() / 3, e.getMessage());
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "instance";
        }
    }

    /** The URL given to LangGraph as {@code webhook}: receiver path, callback name, correlation id and token. */
    public String callbackUrl(String callbackName, String correlationId) {
        return urls.callbackUrl(callbackName, correlationId);
    }

    public CallbackTokens tokens() {
        return urls.tokens();
    }

    public Correlator correlator() {
        return correlator;
    }

    public CallbackStore store() {
        return store;
    }

    public CallbackCounters counters() {
        return counters;
    }

    public LangGraphClient client() {
        return client;
    }

    /** Whether the receiver may take callbacks now: from start until stop begins (503 otherwise, which senders retry). */
    public boolean isAccepting() {
        return isStarted();
    }

    /** A consumer takes this callback name's outcomes; what is already waiting in the inbox for it is routed now. */
    public void register(String callbackName, CallbackListener listener) {
        dispatcher.register(callbackName, listener);
        routeUnrouted();
    }

    public void unregister(String callbackName, CallbackListener listener) {
        dispatcher.unregister(callbackName, listener);
    }

    /**
     * A producer awaits outcomes under this name, up to {@code timeoutMillis} (0: without limit), maybe without a
     * consumer route: the receiver must accept it, and an outcome nobody waits for any more is settled as orphaned.
     */
    public void allowAwaitOnly(String callbackName, long timeoutMillis) {
        long window = timeoutMillis > 0 ? timeoutMillis : Long.MAX_VALUE;
        awaitOnlyNames.merge(callbackName, window, Math::max);
    }

    public boolean isKnown(String callbackName) {
        return dispatcher.hasListener(callbackName) || awaitOnlyNames.containsKey(callbackName);
    }

    /** The runs of this callback are found on the server (a cron's): looked up now and at every reconcile pass. */
    public void registerFinder(String callbackName, RunFinder finder) {
        finders.put(callbackName, finder);
        sweepNow(callbackName);
    }

    public void unregisterFinder(String callbackName) {
        finders.remove(callbackName);
    }

    /**
     * Hands an outcome this app made itself (an expired interrupt, status {@code expired}) to the consumer of its
     * callback name in this JVM; false when no route here consumes that name.
     */
    public boolean deliver(String callbackName, CallbackDelivery delivery, java.util.function.Consumer<Throwable> done) {
        return dispatcher.deliverDirect(callbackName, delivery, done);
    }

    /** Records a claimed outcome durably and schedules its confirmation; returns once the record reached the store. */
    public ClaimIntake.Acceptance receive(String callbackName, String correlationId, ObjectNode body, String source) {
        return intake.receive(callbackName, correlationId, body, source);
    }

    /** A webhook's claim as received: its key's fields read, its token masked; returns once it reached the store. */
    public ClaimIntake.Acceptance receive(String callbackName, String correlationId, String runId, String status, String body,
                                          String source) {
        return intake.receive(callbackName, correlationId, runId, status, body, source);
    }

    /** Routes what the inbox still holds (after a restart, or when a consumer registers). */
    public void routeUnrouted() {
        try {
            executor.execute(this::rescan);
        } catch (java.util.concurrent.RejectedExecutionException saturated) {
            // the backlog task rescans as soon as the dispatch threads have room
            pipeline.markBacklog();
        }
    }

    private void rescan() {
        int room = Math.min(RESCAN_PAGE, pipeline.room());
        if (room <= 0) {
            // the dispatch queue is full: reading rows it cannot take would only cost the store
            pipeline.markBacklog();
            return;
        }
        try {
            List<InboxEntry> page = store.unrouted(room);
            for (InboxEntry entry : page) {
                if ((isKnown(entry.callback()) || finders.containsKey(entry.callback())) && !pipeline.submit(entry, false)) {
                    // saturated: the rest waits for the next rescan
                    return;
                }
            }
            if (page.size() == room) {
                // more may wait: the backlog task takes the next page within a second
                pipeline.markBacklog();
            }
        } catch (RuntimeException e) {
            LOG.warn("Inbox rescan failed, the next one retries: {}", e.getMessage());
        }
    }

    /** Operator replay of a failed outcome: confirmed with the server again and routed, once. */
    public boolean replay(String dedupKey) {
        if (!store.requeue(dedupKey)) {
            return false;
        }
        counters.increment("replayed");
        routeUnrouted();
        return true;
    }

    /** Keys this JVM is confirming, dispatching or waiting to check again. */
    public int inFlight() {
        return pipeline.inFlight();
    }

    private boolean sweepNow(String callbackName) {
        RunFinder finder = finders.get(callbackName);
        if (finder == null) {
            return false;
        }
        executor.execute(() -> reconciler.sweep(callbackName, finder));
        return true;
    }
}
