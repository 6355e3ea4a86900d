package io.camellanggraph.callback;

/**
 * Told the latencies of the callback path, one outcome at a time (the operator view's histograms and a run's
 * timeline). Called on the callback path's own threads: implementations must be quick and must not throw.
 */
public interface LatencyListener {

    /** The LangGraph server confirmed the claim recorded under {@code dedupKey}; asking it took {@code millis}. */
    void confirmed(String dedupKey, long millis);

    /**
     * The outcome under {@code dedupKey} was handed over to its route or to the exchange waiting for it,
     * {@code appAddedMillis} after the durable receipt of its claim (replays and restart rescans are not reported:
     * their age is not the app's).
     */
    void dispatched(String dedupKey, long appAddedMillis);
}
