package io.camellanggraph.callback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.client.LangGraphApiException;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.client.LangGraphNotFoundException;
import io.camellanggraph.client.Run;
import io.camellanggraph.store.PendingRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers outcomes whose webhook never came (server with {@code disable_webhooks}, the JS server's single
 * attempt, a receiver that was down): asks the server about runs pending longer than {@code reconcileAfter}
 * and routes finished ones as if their callback had arrived, with source {@code poll}. The inbox's dedup key
 * makes a late webhook for the same outcome a duplicate.
 */
public final class Reconciler implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final int BATCH = 200;

    private final CallbackHub hub;
    private final long reconcileAfterMillis;
    private volatile boolean startupPass = true;

    public Reconciler(CallbackHub hub, long reconcileAfterMillis) {
        this.hub = hub;
        this.reconcileAfterMillis = reconcileAfterMillis;
    }

    @Override
    public void run() {
        try {
            // at startup every pending run is checked, whatever its age: the app may have been down a while
            long createdBefore = startupPass ? Long.MAX_VALUE : System.currentTimeMillis() - reconcileAfterMillis;
            startupPass = false;
            for (PendingRun pending : hub.store().pendingRunsOlderThan(createdBefore, BATCH)) {
                reconcile(pending);
            }
        } catch (RuntimeException e) {
            LOG.warn("Reconciliation pass failed, next pass retries: {}", e.getMessage());
        }
    }

    void reconcile(PendingRun pending) {
        LangGraphClient client = hub.client();
        Run run;
        try {
            run = client.getRun(pending.threadId(), pending.runId());
        } catch (LangGraphNotFoundException gone) {
            LOG.warn("Run {} of callback '{}' no longer exists on the server; its outcome cannot be recovered",
                    pending.runId(), pending.callback());
            hub.counters().increment("reconcile.lost");
            hub.store().removePendingRun(pending.correlationId());
            return;
        } catch (LangGraphApiException e) {
            LOG.debug("Run {} not checked now: {}", pending.runId(), e.getMessage());
            return;
        }
        if (!run.isTerminal()) {
            return;
        }
        ObjectNode outcome = run.json();
        try {
            JsonNode state = client.getThreadState(pending.threadId());
            outcome.set("values", state.path("values"));
        } catch (LangGraphApiException e) {
            LOG.debug("Values of run {} unavailable: {}", pending.runId(), e.getMessage());
        }
        if (hub.accept(pending.callback(), pending.correlationId(), outcome, "poll") == CallbackHub.Acceptance.ACCEPTED) {
            hub.counters().increment("reconciled");
            LOG.info("Run {} of callback '{}' reconciled by polling (status {})", run.runId(), pending.callback(), run.status());
        } else {
            // its webhook came first: the outcome is in the inbox already
            hub.store().removePendingRun(pending.correlationId());
        }
    }
}
