package io.camellanggraph.app.ops;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.callback.Redaction;
import io.camellanggraph.client.Run;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.InboxRecord;

/**
 * The deliveries of the operator view: the last outcomes as rows (filtered and searched), and one run's detail with
 * its redacted payload, the server's error, its interrupts and the timeline of its stages (started on the server,
 * received, confirmed, handed over, route began, each output, route ended), from the callback store and the
 * {@link RunTimeline}.
 */
final class DeliveryView {

    static final int PAYLOAD_MAX_CHARS = 8192;
    /** How far back a filter searches: the newest outcomes, however many of them match. */
    static final int SEARCHED = 2000;

    /**
     * What the reader is looking for; null or blank fields match everything. {@code text} is searched in the run id,
     * thread id, assistant and callback name.
     */
    record Filter(String text, String status, String source, String callback) {

        boolean isEmpty() {
            return blank(text) && blank(status) && blank(source) && blank(callback);
        }

        boolean matches(ObjectNode d) {
            return (blank(status) || status.equals(d.path("status").asText()) || status.equals(d.path("state").asText())
                        || ("interrupted".equals(status) && d.path("interrupted").asBoolean()))
                    && (blank(source) || source.equals(d.path("source").asText()))
                    && (blank(callback) || callback.equals(d.path("callback").asText()))
                    && (blank(text) || contains(d, "runId") || contains(d, "threadId") || contains(d, "assistantId") || contains(d, "callback"));
        }

        private boolean contains(ObjectNode d, String field) {
            return d.path(field).asText("").toLowerCase(Locale.ROOT).contains(text.trim().toLowerCase(Locale.ROOT));
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }

    private final ObjectMapper mapper;
    private final RunTimeline timeline;

    DeliveryView(ObjectMapper mapper, RunTimeline timeline) {
        this.mapper = mapper;
        this.timeline = timeline;
    }

    /** The newest deliveries matching {@code filter}, at most {@code limit}. */
    ArrayNode deliveries(CallbackStore store, Filter filter, int limit) {
        ArrayNode rows = mapper.createArrayNode();
        for (InboxRecord record : store.recent(filter.isEmpty() ? limit : SEARCHED)) {
            ObjectNode d = delivery(record);
            if (filter.matches(d)) {
                rows.add(d);
                if (rows.size() >= limit) {
                    break;
                }
            }
        }
        return rows;
    }

    /** One delivery row: identity, routing state and the redacted payload. */
    ObjectNode delivery(InboxRecord record) {
        JsonNode run = body(record.entry().body());
        ObjectNode d = mapper.createObjectNode();
        d.put("dedupKey", record.entry().dedupKey());
        d.put("runId", run.path("run_id").asText(null));
        d.put("threadId", run.path("thread_id").asText(null));
        d.put("assistantId", run.path("assistant_id").asText(null));
        d.put("status", run.path("status").asText(null));
        d.put("callback", record.entry().callback());
        d.put("source", record.entry().source());
        d.put("state", record.state());
        d.put("reason", record.reason());
        d.put("receivedAt", record.entry().receivedAt());
        // a "success" that stopped at an interrupt, as far as this app has seen it route
        RunTimeline.Stages seen = timeline.of(record.entry().dedupKey());
        d.put("interrupted", seen != null && seen.interrupts != null);
        String payload = run.isObject() && run.size() > 0 ? run.toPrettyString() : Redaction.maskUrl(record.entry().body());
        d.put("payload", payload.length() > PAYLOAD_MAX_CHARS ? payload.substring(0, PAYLOAD_MAX_CHARS) + "\n... (truncated)" : payload);
        return d;
    }

    /** A run's detail: each outcome it reported, with error, interrupts and timeline; null when the store has none. */
    ObjectNode run(CallbackStore store, String runId) {
        List<InboxRecord> records = store.outcomesOf(runId);
        if (records.isEmpty()) {
            return null;
        }
        ObjectNode detail = mapper.createObjectNode().put("runId", runId);
        ArrayNode outcomes = detail.putArray("outcomes");
        for (InboxRecord record : records) {
            ObjectNode d = delivery(record);
            JsonNode run = body(record.entry().body());
            String error = run instanceof ObjectNode o ? Run.of(o).errorMessage() : null;
            d.put("error", error == null ? null : Redaction.maskUrl(error));
            RunTimeline.Stages seen = timeline.of(record.entry().dedupKey());
            d.put("interrupts", seen == null ? null : Redaction.maskUrl(seen.interrupts));
            d.set("timeline", stages(record, run, seen));
            outcomes.add(d);
        }
        return detail;
    }

    private ArrayNode stages(InboxRecord record, JsonNode run, RunTimeline.Stages seen) {
        ArrayNode stages = mapper.createArrayNode();
        stage(stages, "started on the server", epochMillis(run.path("created_at").asText(null)), null);
        stage(stages, "received (" + record.entry().source() + ")", record.entry().receivedAt(), null);
        if (seen != null) {
            stage(stages, "confirmed by the server", seen.confirmedAt, null);
            stage(stages, "handed over", seen.dispatchedAt, null);
            stage(stages, "route " + seen.routeId + " began", seen.routeStartedAt, null);
            for (RunTimeline.Output output : seen.outputs) {
                stage(stages, "output " + output.endpoint() + " (" + output.millis() + " ms)", output.at(), output.failed() ? "failed" : null);
            }
            stage(stages, "route ended", seen.routeEndedAt, seen.routeFailure);
        }
        ObjectNode state = stages.addObject().put("stage", "routing state: " + record.state());
        if (record.reason() != null) {
            state.put("detail", record.reason());
        }
        return stages;
    }

    private static void stage(ArrayNode stages, String name, Long at, String detail) {
        if (at != null) {
            ObjectNode s = stages.addObject().put("stage", name).put("at", at);
            if (detail != null) {
                s.put("detail", detail);
            }
        }
    }

    /** The stored run, redacted once more (the inbox keeps it redacted already). */
    JsonNode body(String text) {
        try {
            JsonNode json = mapper.readTree(Redaction.maskUrl(text));
            return json instanceof ObjectNode o ? Redaction.redactRun(o) : json;
        } catch (Exception e) {
            return mapper.createObjectNode();
        }
    }

    static Long epochMillis(String isoDate) {
        try {
            return isoDate == null ? null : OffsetDateTime.parse(isoDate).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
