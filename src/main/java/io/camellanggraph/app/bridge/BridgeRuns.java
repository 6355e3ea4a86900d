package io.camellanggraph.app.bridge;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.client.LangGraphNotFoundException;
import io.camellanggraph.client.Run;
import io.camellanggraph.store.PendingRun;

/**
 * The run a bridge request already has on the server, for a request taken over from an instance that died after it
 * recorded the request and before it recorded the request's run: it may have created the run in between. The run
 * names its request (and the request's admission) in its metadata, which the server copies onto the new thread the
 * run created; a run on a thread the request named is found among that thread's runs. A run found is adopted (its
 * outcome reconciled as a pending run of the bridge's callback) instead of starting a second one.
 */
final class BridgeRuns {

    /** Threads and runs looked at: a request has one run, and its thread few runs. */
    private static final int LIMIT = 20;

    private final CallbackHub hub;
    private final String callback;

    BridgeRuns(CallbackHub hub, String callback) {
        this.hub = hub;
        this.callback = callback;
    }

    /**
     * The run of the request admitted at {@code admittedAt}, on the thread {@code threadId} names (null: a thread of its
     * own), recorded as pending for the bridge's callback; null when the server has none.
     */
    Run adopt(String requestId, long admittedAt, String threadId) {
        LangGraphClient client = hub.client();
        List<String> threads = new ArrayList<>();
        if (threadId != null && !threadId.isBlank()) {
            threads.add(threadId);
        }
        ObjectNode query = client.mapper().createObjectNode().put("limit", LIMIT);
        query.putObject("metadata").put(BridgeRequests.METADATA, requestId)
                .put(BridgeRequests.ADMITTED_METADATA, Long.toString(admittedAt));
        for (JsonNode thread : client.searchThreads(query)) {
            threads.add(thread.path("thread_id").asText());
        }
        for (String thread : threads) {
            for (Run run : runs(client, thread)) {
                if (requestId.equals(run.metadata(BridgeRequests.METADATA))
                        && Long.toString(admittedAt).equals(run.metadata(BridgeRequests.ADMITTED_METADATA))) {
                    hub.store().addPendingRun(new PendingRun(run.metadata(CallbackHub.CORRELATION_METADATA), run.runId(),
                            run.threadId(), callback, System.currentTimeMillis(), run.assistantId()));
                    return run;
                }
            }
        }
        return null;
    }

    private static List<Run> runs(LangGraphClient client, String threadId) {
        try {
            return client.listRuns(threadId, LIMIT);
        } catch (LangGraphNotFoundException gone) {
            return List.of();
        }
    }
}
