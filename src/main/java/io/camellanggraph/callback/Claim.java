package io.camellanggraph.callback;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.store.InboxEntry;
import io.camellanggraph.store.PendingRun;

/**
 * What a webhook (or a poll) says about a run, before the server has confirmed any of it: which run it names and
 * with which outcome. Fields a cut-down body ({@code webhooks.allowed_fields}) left out are filled from the run this
 * app registered under the correlation id, when it has one.
 *
 * @param entry         the inbox row holding the claim
 * @param runId         the run it names, or null when neither the body nor a pending run says
 * @param threadId      the run's thread as far as known (the pending run's wins over the body's)
 * @param claimedStatus the status the body claims, or null
 * @param pending       the pending run of this correlation id, or null
 */
public record Claim(InboxEntry entry, String runId, String threadId, String claimedStatus, PendingRun pending) {

    /** Marker of a claim whose run is not known yet (a minimal body on a cron callback, or a very early doorbell). */
    static final String UNKNOWN_RUN = "*";

    /** The inbox key of a claim: one routed outcome per run (and the run belongs to one correlation id). */
    public static String key(String runId, String correlationId) {
        return (runId == null ? UNKNOWN_RUN : runId) + ":" + correlationId;
    }

    static Claim of(InboxEntry entry, JsonNode body, PendingRun pending) {
        String runId = text(body, "run_id");
        String threadId = text(body, "thread_id");
        if (pending != null && (runId == null || runId.equals(pending.runId()))) {
            runId = pending.runId();
            threadId = pending.threadId() != null ? pending.threadId() : threadId;
        }
        return new Claim(entry, runId, threadId, text(body, "status"), pending);
    }

    String key() {
        return entry.dedupKey();
    }

    String correlationId() {
        return entry.correlationId();
    }

    String callback() {
        return entry.callback();
    }

    /** The row is stored under the unknown-run key but the run is known now: it must move to its own key. */
    boolean needsRekey() {
        return runId != null && !key().equals(key(runId, correlationId()));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        return value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank() ? null : value.asText();
    }
}
