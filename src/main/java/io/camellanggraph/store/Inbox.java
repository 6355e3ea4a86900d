package io.camellanggraph.store;

import java.util.List;

/**
 * The inbox of received outcomes, which doubles as the idempotent repository: a row per claimed outcome, keyed by
 * run id and correlation id, going pending, routed, failed or orphaned.
 */
public interface Inbox {

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

    /**
     * Deletes at most {@code limit} settled entries (routed or orphaned) received before {@code before} (epoch ms): the
     * de-duplication window ends there. Failed entries stay until replayed.
     */
    int pruneSettled(long before, int limit);
}
