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

    void removePendingRun(String correlationId);

    /** Pending runs created before {@code createdBefore} (epoch ms), oldest first. */
    List<PendingRun> pendingRunsOlderThan(long createdBefore, int limit);

    int countPendingRuns();
}
