package io.camellanggraph.callback;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.client.LangGraphApiException;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.client.LangGraphNotFoundException;
import io.camellanggraph.client.Run;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.PendingRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers outcomes whose webhook never came (server with {@code disable_webhooks}, the JS server's single
 * attempt, a receiver that was down). Two sources: runs this app started and still holds as pending (asked about
 * once older than {@code reconcileAfter}; at startup all of them), and the runs of server-side crons, which only
 * the server knows ({@link RunFinder}). A pending run whose id was never recorded is found by its correlation id in
 * the run's metadata. An ended run not yet in the inbox is claimed with source {@code poll} and
 * goes through the same confirmation as a webhook; the inbox's key makes a late webhook for it a duplicate.
 */
public final class Reconciler implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final int BATCH = 200;
    /** A run is looked up by its correlation id among its thread's newest runs, and on so many threads carrying it. */
    private static final int RUNS_SEARCHED = 100;
    private static final int THREADS_SEARCHED = 10;

    private final LangGraphClient client;
    private final CallbackStore store;
    private final ClaimIntake intake;
    private final CallbackCounters counters;
    private final Map<String, RunFinder> finders;
    private final long reconcileAfterMillis;
    private final long dedupWindowMillis;
    private volatile boolean startupPass = true;

    public Reconciler(LangGraphClient client, CallbackStore store, ClaimIntake intake, CallbackCounters counters,
                      Map<String, RunFinder> finders, long reconcileAfterMillis, long dedupWindowMillis) {
        this.client = client;
        this.store = store;
        this.intake = intake;
        this.counters = counters;
        this.finders = finders;
        this.reconcileAfterMillis = reconcileAfterMillis;
        this.dedupWindowMillis = dedupWindowMillis;
    }

    @Override
    public void run() {
        try {
            // at startup every pending run is checked, whatever its age: the app may have been down a while
            long createdBefore = startupPass ? Long.MAX_VALUE : System.currentTimeMillis() - reconcileAfterMillis;
            startupPass = false;
            for (PendingRun pending : store.pendingRunsOlderThan(createdBefore, BATCH)) {
                reconcile(pending);
            }
        } catch (RuntimeException e) {
            LOG.warn("Reconciliation pass failed, next pass retries: {}", e.getMessage());
        }
        finders.forEach(this::sweep);
    }

    void reconcile(PendingRun pending) {
        if (pending.runId() == null) {
            findAgain(pending);
            return;
        }
        Run run;
        try {
            run = client.getRun(pending.threadId(), pending.runId());
        } catch (LangGraphNotFoundException gone) {
            if (System.currentTimeMillis() - pending.createdAt() < reconcileAfterMillis) {
                // a rollback deletes its run, and its webhook may be on its way: confirming that needs this pending run
                return;
            }
            LOG.warn("Run {} of callback '{}' no longer exists on the server; its outcome cannot be recovered",
                    pending.runId(), pending.callback());
            counters.increment("reconcile.lost");
            store.removePendingRun(pending.correlationId());
            return;
        } catch (LangGraphApiException e) {
            LOG.debug("Run {} not checked now: {}", pending.runId(), e.getMessage());
            return;
        }
        if (run.isTerminal() && claim(pending.callback(), pending.correlationId(), run.runId(), run.threadId(), run.status())) {
            LOG.info("Run {} of callback '{}' reconciled by polling (status {})", run.runId(), pending.callback(), run.status());
        }
    }

    /**
     * A row recorded before its create whose run id was never recorded (the store refused the write after the create,
     * or the app stopped in between): the run is looked up by the correlation id in its metadata. Found, it gets its
     * ids and, once ended, is claimed; not found once older than {@code reconcileAfter}, it was never created.
     */
    private void findAgain(PendingRun pending) {
        Run run;
        try {
            run = runOf(pending.correlationId(), pending.threadId());
        } catch (LangGraphApiException e) {
            LOG.debug("Run of correlation id {} not looked up now: {}", pending.correlationId(), e.getMessage());
            return;
        }
        if (run == null) {
            if (System.currentTimeMillis() - pending.createdAt() >= reconcileAfterMillis) {
                // its create failed or never happened: nothing on the server can call back under it
                LOG.info("No run was created for correlation id {} of callback '{}'; its pending row is removed",
                        pending.correlationId(), pending.callback());
                counters.increment("reconcile.never-created");
                store.removePendingRun(pending.correlationId());
            }
            return;
        }
        store.pendingRunCreated(pending.correlationId(), run.runId(), run.threadId(), run.assistantId());
        if (run.isTerminal() && claim(pending.callback(), pending.correlationId(), run.runId(), run.threadId(), run.status())) {
            LOG.info("Run {} of callback '{}' found again by its correlation id and reconciled (status {})", run.runId(),
                    pending.callback(), run.status());
        }
    }

    /**
     * The run carrying this correlation id: among the runs of its thread when known (a thread run, or {@code
     * threadId=new}), else on the thread it created, which the server gives the run's metadata (a stateless run).
     */
    private Run runOf(String correlationId, String threadId) {
        if (threadId != null) {
            return runInThread(threadId, correlationId);
        }
        ObjectNode query = JsonNodeFactory.instance.objectNode().put("limit", THREADS_SEARCHED);
        query.putObject("metadata").put(CallbackHub.CORRELATION_METADATA, correlationId);
        for (JsonNode thread : client.searchThreads(query)) {
            Run run = runInThread(thread.path("thread_id").asText(), correlationId);
            if (run != null) {
                return run;
            }
        }
        return null;
    }

    private Run runInThread(String threadId, String correlationId) {
        try {
            return client.listRuns(threadId, RUNS_SEARCHED).stream()
                    .filter(run -> correlationId.equals(run.metadata(CallbackHub.CORRELATION_METADATA))).findFirst().orElse(null);
        } catch (LangGraphNotFoundException noThread) {
            return null;
        }
    }

    /** The ended runs of one cron callback that are not in the inbox (its webhook failed, or the app was down). */
    public void sweep(String callbackName, RunFinder finder) {
        try {
            // older runs may have left the inbox with the de-duplication window: they must not be routed twice
            long since = System.currentTimeMillis() - dedupWindowMillis + 3_600_000;
            for (RunFinder.FoundRun found : finder.endedRuns(since)) {
                if (store.state(Claim.key(found.runId(), finder.correlationId())) == null
                        && claim(callbackName, finder.correlationId(), found.runId(), found.threadId(), found.status())) {
                    LOG.info("Run {} of callback '{}' found on the server without its webhook (status {})", found.runId(),
                            callbackName, found.status());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Runs of callback '{}' not looked up now, next pass retries: {}", callbackName, e.getMessage());
        }
    }

    private boolean claim(String callback, String correlationId, String runId, String threadId, String status) {
        ObjectNode claim = JsonNodeFactory.instance.objectNode().put("run_id", runId).put("thread_id", threadId).put("status", status);
        boolean accepted = intake.receive(callback, correlationId, claim, ClaimIntake.POLL) == ClaimIntake.Acceptance.ACCEPTED;
        if (accepted) {
            counters.increment("reconciled");
        }
        return accepted;
    }
}
