package io.camellanggraph.store;

import java.util.List;

/**
 * The runs this app started and still waits for: what reconciliation looks up on the server when their callback
 * does not come.
 */
public interface PendingRuns {

    /** The pending run registered under a correlation id, or null. */
    PendingRun pendingRun(String correlationId);

    void addPendingRun(PendingRun run);

    /**
     * The run the server created for a pending row recorded before the create: its ids, from the create's answer or
     * found again by its correlation id. False when the row is gone (routed, or removed as never created).
     */
    boolean pendingRunCreated(String correlationId, String runId, String threadId, String assistantId);

    void removePendingRun(String correlationId);

    /** Pending runs created before {@code createdBefore} (epoch ms), oldest first. */
    List<PendingRun> pendingRunsOlderThan(long createdBefore, int limit);

    int countPendingRuns();
}
