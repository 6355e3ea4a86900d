package io.camellanggraph.store;

/**
 * One received run outcome as the inbox keeps it: recorded before the sender gets its 2xx, routed afterwards.
 *
 * @param dedupKey      run id and status: the same outcome delivered twice has the same key
 * @param callback      callback name ({@code ""} for {@code langgraph:webhook} without a name)
 * @param correlationId the id this app put in the webhook URL and the run's metadata
 * @param source        {@code webhook} or {@code poll}
 * @param body          the run JSON, already redacted
 * @param receivedAt    epoch milliseconds
 */
public record InboxEntry(String dedupKey, String callback, String correlationId, String source, String body, long receivedAt) {
}
