package io.camellanggraph.callback;

import java.util.function.Consumer;

/** The dispatch stage: where a confirmed outcome goes, and the mark once it got there. */
@FunctionalInterface
public interface OutcomeSink {

    /**
     * Hands the outcome to whoever takes it, asynchronously.
     *
     * @param fresh whether the claim arrived just now (not found by a restart's rescan or replayed): only those count
     *              towards the app-added latency
     * @param settle takes, once the outcome was routed, failed for good, or was kept for a consumer not started yet,
     *               the store write that records it; the caller runs it, and runs it again while the store refuses it
     */
    void dispatch(Claim claim, Verdict.Confirmed outcome, boolean fresh, Consumer<Runnable> settle);
}
