package io.camellanggraph.cron;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.callback.RunFinder;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.client.Run;

/**
 * Finds the ended runs of one server-side cron this app owns, so that a run whose webhook was lost (the app was
 * down, the server gave up retrying) is still routed. A thread cron's runs are listed on its thread; a stateless
 * cron's runs each have a thread of their own, found by the cron's metadata, which the server copies onto the
 * thread (the app keeps those threads until their outcome is routed, then deletes them). Only runs carrying the
 * cron's correlation id count.
 */
public final class CronRunFinder implements RunFinder {

    /** Threads and runs looked at per pass: enough for every tick between two passes of a busy cron. */
    private static final int LIMIT = 100;

    private final LangGraphClient client;
    private final CronReconciler crons;
    private final String appName;
    private final String cronName;
    private final String correlationId;
    private volatile String assistantId;

    public CronRunFinder(LangGraphClient client, CronReconciler crons, String appName, String cronName, String correlationId) {
        this.client = client;
        this.crons = crons;
        this.appName = appName;
        this.cronName = cronName;
        this.correlationId = correlationId;
    }

    @Override
    public String correlationId() {
        return correlationId;
    }

    @Override
    public String expectedAssistant() {
        return assistantId;
    }

    @Override
    public List<FoundRun> endedRuns(long since) {
        List<FoundRun> found = new ArrayList<>();
        for (JsonNode cron : crons.owned(cronName)) {
            assistantId = cron.path("assistant_id").asText(null);
            String threadId = cron.path("thread_id").asText(null);
            if (threadId != null) {
                collect(client.listRuns(threadId, LIMIT), since, found);
            }
        }
        ObjectNode query = JsonNodeFactory.instance.objectNode().put("limit", LIMIT);
        query.putObject("metadata").put(CronReconciler.APP_METADATA, appName).put(CronReconciler.NAME_METADATA, cronName)
                .put(CallbackHub.CORRELATION_METADATA, correlationId);
        for (JsonNode thread : client.searchThreads(query)) {
            collect(client.listRuns(thread.path("thread_id").asText(), LIMIT), since, found);
        }
        return found;
    }

    private void collect(List<Run> runs, long since, List<FoundRun> found) {
        for (Run run : runs) {
            if (run.isTerminal() && correlationId.equals(run.metadata(CallbackHub.CORRELATION_METADATA))
                    && createdAfter(run, since)) {
                found.add(new FoundRun(run.runId(), run.threadId(), run.status()));
            }
        }
    }

    private static boolean createdAfter(Run run, long since) {
        String createdAt = run.json().path("created_at").asText(null);
        try {
            return createdAt == null || OffsetDateTime.parse(createdAt).toInstant().toEpochMilli() >= since;
        } catch (RuntimeException unparsable) {
            return true;
        }
    }
}
