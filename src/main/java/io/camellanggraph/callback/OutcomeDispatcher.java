package io.camellanggraph.callback;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

import io.camellanggraph.client.LangGraphApiException;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.store.CallbackStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatch and mark stages: a confirmed outcome goes to the exchange waiting for its correlation id
 * ({@code awaitWebhook}) or to the consumer of its callback name; once that route is done the inbox row is marked
 * routed (with the server's copy) or failed, and a thread kept only for its values is deleted. The marks are handed
 * to the pipeline, which holds the outcome's key until the store has taken its mark: an outcome routed while the
 * store refuses writes is marked later, never routed again by this instance.
 */
public final class OutcomeDispatcher implements OutcomeSink {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeDispatcher.class);

    private final CallbackStore store;
    private final Correlator correlator;
    private final LangGraphClient client;
    private final CallbackCounters counters;
    private final Map<String, CallbackListener> listeners = new ConcurrentHashMap<>();
    /** The longest awaitTimeout of a callback name only producers await (no consumer route), or -1. */
    private final ToLongFunction<String> awaitWindow;

    private final String owner;

    public OutcomeDispatcher(CallbackStore store, Correlator correlator, LangGraphClient client, CallbackCounters counters,
                             String owner, ToLongFunction<String> awaitWindow) {
        this.owner = owner;
        this.awaitWindow = awaitWindow;
        this.store = store;
        this.correlator = correlator;
        this.client = client;
        this.counters = counters;
    }

    void register(String callbackName, CallbackListener listener) {
        if (listeners.putIfAbsent(callbackName, listener) != null) {
            throw new IllegalStateException("callback '" + callbackName + "' already has a consumer");
        }
    }

    void unregister(String callbackName, CallbackListener listener) {
        listeners.remove(callbackName, listener);
    }

    boolean hasListener(String callbackName) {
        return listeners.containsKey(callbackName);
    }

    /** An outcome not from the inbox (an expired interrupt) straight to the name's consumer; false when there is none. */
    boolean deliverDirect(String callbackName, CallbackDelivery delivery, java.util.function.Consumer<Throwable> done) {
        CallbackListener listener = listeners.get(callbackName);
        if (listener == null) {
            return false;
        }
        listener.deliver(delivery, done);
        return true;
    }

    @Override
    public void dispatch(Claim claim, Verdict.Confirmed outcome, boolean fresh, Consumer<Runnable> settle) {
        CallbackDelivery delivery = new CallbackDelivery(claim.entry(), outcome.run(), outcome.body(), outcome.interrupted(),
                outcome.interrupts());
        // replays and restart rescans are left out: their age is the operator's, not the app's
        long receivedAt = fresh ? claim.entry().receivedAt() : -1;
        if (correlator.complete(claim.correlationId(), delivery)) {
            dispatched(claim.key(), receivedAt);
            settle.accept(() -> routed(delivery));
            return;
        }
        CallbackListener listener = listeners.get(claim.callback());
        if (listener == null) {
            String orphaned = nobodyTakes(claim);
            if (orphaned != null) {
                settle.accept(() -> orphan(claim, orphaned));
                return;
            }
            // handed back to the inbox: routed when a consumer for this name starts (here or on another instance)
            LOG.warn("No route consumes callback '{}'; run {} kept in the inbox", claim.callback(), claim.runId());
            settle.accept(() -> store.releaseClaim(claim.key(), owner));
            return;
        }
        dispatched(claim.key(), receivedAt);
        listener.deliver(delivery, failure -> {
            if (failure == null) {
                settle.accept(() -> routed(delivery));
            } else if (failure instanceof RejectedExecutionException) {
                // the app is stopping under the route (Camel's executors refuse work): not a failure of the
                // outcome, which is handed back to the inbox and routed at the next start (here or elsewhere)
                LOG.info("Run {} of callback '{}' handed back to the inbox while stopping", claim.runId(), claim.callback());
                settle.accept(() -> store.releaseClaim(claim.key(), owner));
            } else {
                counters.increment("failed");
                String reason = Redaction.maskUrl(failure.toString());
                LOG.warn("Route of callback '{}' failed for run {}: {}", claim.callback(), claim.runId(), reason);
                settle.accept(() -> store.markFailed(claim.key(), reason));
            }
        });
    }

    /**
     * Why nobody can ever take this outcome, or null while someone still may. Only for callback names that producers
     * await and no route consumes: its waiter timed out here, or every waiter of it anywhere has timed out by now
     * (the run's pending record, or the claim's receipt, is older than the longest awaitTimeout of the name; this
     * also covers a waiter lost with a crashed JVM). Until then it is handed back, for another instance's waiter.
     */
    private String nobodyTakes(Claim claim) {
        long window = awaitWindow.applyAsLong(claim.callback());
        if (window < 0) {
            // a consumer route for this name may start, here or on another instance: it keeps the outcome
            return null;
        }
        if (correlator.hasExpired(claim.correlationId())) {
            return "expired: the awaitWebhook waiter timed out before the outcome came";
        }
        long since = claim.pending() != null ? claim.pending().createdAt() : claim.entry().receivedAt();
        if (System.currentTimeMillis() - since > window) {
            return "orphaned: no waiter, no consumer route and no recorded reply took it within the await timeout";
        }
        return null;
    }

    /** Settled once: marked in the inbox (never claimed or re-checked again), counted, shown on the operator page. */
    private void orphan(Claim claim, String reason) {
        store.markOrphaned(claim.key(), claim.correlationId(), reason);
        counters.increment("orphaned");
        LOG.warn("Run {} of callback '{}' settled without routing ({})", claim.runId(), claim.callback(), reason);
    }

    /** App-added latency: from the claim's durable receipt to the hand-over of the confirmed outcome. */
    private void dispatched(String dedupKey, long receivedAt) {
        if (receivedAt >= 0) {
            counters.dispatched(dedupKey, Math.max(0, System.currentTimeMillis() - receivedAt));
        }
    }

    private void routed(CallbackDelivery delivery) {
        // its run is pending no more: removed in the same transaction, off the receiving path
        store.markRouted(delivery.entry().dedupKey(), delivery.entry().correlationId(), delivery.body());
        counters.increment("routed");
        String threadId = delivery.run().threadId();
        if ("true".equals(delivery.run().metadata(CallbackHub.CLEANUP_METADATA)) && threadId != null) {
            try {
                client.deleteThread(threadId);
            } catch (LangGraphApiException e) {
                LOG.debug("Thread {} kept for its values could not be deleted: {}", threadId, e.getMessage());
            }
        }
    }
}
