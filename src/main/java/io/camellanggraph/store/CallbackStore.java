package io.camellanggraph.store;

import java.util.List;

/**
 * Durable state of the callback path: the inbox of received outcomes (which doubles as the idempotent
 * repository) and the runs still waiting for theirs. The embedded default is one SQLite file under the data
 * directory; a cluster shares one PostgreSQL database. Every write has reached the operating system when the
 * method returns, so it survives {@code kill -9} of the process.
 */
public interface CallbackStore extends AutoCloseable {

    /**
     * Records a claimed outcome (a webhook, or a finished run found by polling) under its dedup key, the run id;
     * {@code false} when a row with that key exists already (whatever its state).
     */
    boolean record(InboxEntry entry);

    /**
     * The outcome reached its route (or the route's own dead letter channel); its run, if it was pending under
     * {@code correlationId}, is pending no more.
     *
     * @param confirmedBody the server's copy of the outcome that was routed (kept for the operator view), or null
     *                      to keep the body as recorded
     */
    void markRouted(String dedupKey, String correlationId, String confirmedBody);

    /**
     * Nobody can take the outcome (its awaitWebhook waiter timed out, no route consumes its callback): settled as
     * {@code orphaned} with the reason, never claimed or re-checked again; its run is pending no more.
     */
    void markOrphaned(String dedupKey, String correlationId, String reason);

    /** The inbox row of a dedup key, or null. */
    InboxRecord find(String dedupKey);

    /** Row state of a dedup key: {@code pending}, {@code routed}, {@code failed} or {@code orphaned}; null when there is no such row. */
    String state(String dedupKey);

    /** Deletes a pending or claimed row (a claim that was resolved under another key, or refused); routed rows stay. */
    void dropPending(String dedupKey);

    /**
     * Takes a row for routing: pending, or claimed by {@code owner} already, or claimed by anyone whose lease ran out
     * before {@code now}. One conditional UPDATE, so of two instances only one gets it while both are alive.
     *
     * @return whether {@code owner} holds the row until {@code leaseUntil} (epoch ms)
     */
    boolean claim(String dedupKey, String owner, long leaseUntil, long now);

    /** Extends every claim {@code owner} holds to {@code leaseUntil}; returns how many it holds. */
    int renewClaims(String owner, long leaseUntil);

    /** Hands a claim back (pending again), e.g. when no consumer for its callback runs here. */
    void releaseClaim(String dedupKey, String owner);

    /** Hands back every claim of {@code owner} (at a graceful stop): other instances take them at once. */
    int releaseClaims(String owner);

    /** Keeps a claim the server did not confirm (never routed), bounded to the newest ones. */
    void recordUnconfirmed(UnconfirmedClaim claim);

    /** Unconfirmed claims, newest first (operator view). */
    List<UnconfirmedClaim> unconfirmed(int limit);

    /** The pending run registered under a correlation id, or null. */
    PendingRun pendingRun(String correlationId);

    /** The route failed on it even after its error handler: kept, not routed again until replayed. */
    void markFailed(String dedupKey, String reason);

    /** Makes a failed outcome pending again (operator replay); {@code false} when there is no such failed entry. */
    boolean requeue(String dedupKey);

    /** Whether the outcome is recorded and still waiting to be routed. */
    default boolean isPending(String dedupKey) {
        return "pending".equals(state(dedupKey));
    }

    /**
     * Outcomes recorded but not yet routed and free to take, oldest first: pending, or claimed by an owner whose lease
     * ran out before {@code now} (what a restart, or a survivor of a dead instance, must still route).
     */
    List<InboxEntry> unrouted(int limit, long now);

    /** {@link #unrouted(int, long)} as of now. */
    default List<InboxEntry> unrouted(int limit) {
        return unrouted(limit, System.currentTimeMillis());
    }

    /** The last routed or failed outcomes, newest first (operator view). */
    List<InboxRecord> recent(int limit);

    /** Failed outcomes (dead letters, replayable), newest first (operator view). */
    default List<InboxRecord> failed(int limit) {
        return recent(Math.max(limit, 10_000)).stream().filter(r -> "failed".equals(r.state())).limit(limit).toList();
    }

    /** Number of inbox entries per state (pending, routed, failed): queue depths for health and metrics. */
    default java.util.Map<String, Integer> countByState() {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        recent(Integer.MAX_VALUE).forEach(r -> counts.merge(r.state(), 1, Integer::sum));
        return counts;
    }

    /** The newest outcome recorded for a callback name, or null (operator view: last outcome of a cron). */
    default InboxRecord latest(String callback) {
        return recent(10_000).stream().filter(r -> r.entry().callback().equals(callback)).findFirst().orElse(null);
    }

    /** The inbox rows of one run (keys {@code <run id>:...}), newest first (operator view: a run's detail). */
    default List<InboxRecord> outcomesOf(String runId) {
        return recent(10_000).stream().filter(r -> r.entry().dedupKey().startsWith(runId + ":")).toList();
    }

    void addPendingRun(PendingRun run);

    void removePendingRun(String correlationId);

    /** Pending runs created before {@code createdBefore} (epoch ms), oldest first. */
    List<PendingRun> pendingRunsOlderThan(long createdBefore, int limit);

    int countPendingRuns();

    /** Keeps a request refused as malformed, truncated to {@code maxStored} characters, for inspection. */
    void recordRejected(String callback, int status, String reason, String body);

    List<RejectedRecord> rejected(int limit);

    /** Deletes routed entries older than {@code before} (epoch ms): the de-duplication window ends there. */
    int pruneRouted(long before);

    @Override
    void close();

    /** An inbox row with its routing state. */
    record InboxRecord(InboxEntry entry, String state, String reason) {
    }

    /** A refused request kept for inspection. */
    record RejectedRecord(long receivedAt, String callback, int status, String reason, String body) {
    }
}
