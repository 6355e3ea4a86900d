package io.camellanggraph.store;

/**
 * A run started with {@code webhook=auto} whose outcome has not been routed yet; the reconciler asks the
 * server about it when no callback came in time.
 *
 * @param correlationId the id in the webhook URL and the run's metadata
 * @param runId         the server's run id
 * @param threadId      the run's thread (kept for stateless runs too, see the README on {@code on_completion})
 * @param callback      callback name ({@code ""} when unnamed)
 * @param createdAt     epoch milliseconds
 * @param assistantId   the assistant the server created the run on (its id from the create response), or null
 */
public record PendingRun(String correlationId, String runId, String threadId, String callback, long createdAt,
                         String assistantId) {

    public PendingRun(String correlationId, String runId, String threadId, String callback, long createdAt) {
        this(correlationId, runId, threadId, callback, createdAt, null);
    }
}
