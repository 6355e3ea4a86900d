package io.camellanggraph.callback;

/** The dispatch stage: where a confirmed outcome goes, and the mark once it got there. */
@FunctionalInterface
public interface OutcomeSink {

    /**
     * Hands the outcome to whoever takes it, asynchronously.
     *
     * @param fresh whether the claim arrived just now (not found by a restart's rescan or replayed): only those count
     *              towards the app-added latency
     * @param done  runs once the outcome was routed, failed for good, or was kept for a consumer not started yet
     */
    void dispatch(Claim claim, Verdict.Confirmed outcome, boolean fresh, Runnable done);
}
