package io.camellanggraph.callback;

/**
 * Told the latencies the callback path adds, one outcome at a time (the operator view's histograms and a run's
 * timeline). Both are measured from the outcome's receipt, when its claim was recorded in the inbox. Called on the
 * callback path's own threads: implementations must be quick and must not throw.
 */
public interface LatencyListener {

    /** The LangGraph server confirmed the claim recorded under {@code dedupKey}, {@code millis} after its receipt. */
    void confirmed(String dedupKey, long millis);

    /**
     * The outcome under {@code dedupKey} was handed over to its route or to the exchange waiting for it,
     * {@code appAddedMillis} after its receipt (replays and restart rescans are not reported: their age is not the app's).
     */
    void dispatched(String dedupKey, long appAddedMillis);
}
