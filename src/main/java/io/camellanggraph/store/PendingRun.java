package io.camellanggraph.store;

/**
 * A run started with {@code webhook=auto} whose outcome has not been routed yet; the reconciler asks the
 * server about it when no callback came in time. Recorded before the server is asked to create the run, so a run
 * the server has is never unknown here: until the create's answer is recorded its run id is null, and the
 * reconciler finds the run by its correlation id.
 *
 * @param correlationId the id in the webhook URL and the run's metadata
 * @param runId         the server's run id, or null while the create's answer is not recorded
 * @param threadId      the run's thread (kept for stateless runs too, see the README on {@code on_completion}); null
 *                      for a stateless run until the create's answer is recorded
 * @param callback      callback name ({@code ""} when unnamed)
 * @param createdAt     epoch milliseconds
 * @param assistantId   the assistant the server created the run on (its id from the create response), or null
 *                      until then
 */
public record PendingRun(String correlationId, String runId, String threadId, String callback, long createdAt,
                         String assistantId) {

    public PendingRun(String correlationId, String runId, String threadId, String callback, long createdAt) {
        this(correlationId, runId, threadId, callback, createdAt, null);
    }
}
