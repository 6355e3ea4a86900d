package io.camellanggraph.app.ops;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.resume.InterruptResumer;
import io.camellanggraph.resume.ResumeHandle;
import io.camellanggraph.store.AwaitingInterrupt;
import io.camellanggraph.store.Decision;

/**
 * The human-in-the-loop part of the operator view: the interrupts awaiting input (age, question, callback, expiry), a
 * run's decisions for its timeline, and the operator's answer (admin token), which goes through the same once-only
 * path as every other answer. Shows no handle: a viewer must not be able to answer.
 */
final class AwaitingView {

    private final LangGraphComponent component;
    private final ObjectMapper mapper;

    AwaitingView(LangGraphComponent component, ObjectMapper mapper) {
        this.component = component;
        this.mapper = mapper;
    }

    ArrayNode awaiting(int limit, long now) {
        ArrayNode rows = mapper.createArrayNode();
        InterruptResumer resumer = component.interruptResumer();
        if (resumer == null) {
            return rows;
        }
        for (AwaitingInterrupt a : resumer.awaiting().waiting(limit)) {
            JsonNode value = read(a.value());
            rows.addObject().put("key", a.key()).put("threadId", a.threadId()).put("interruptId", a.interruptId())
                    .put("runId", a.runId()).put("callback", a.callback()).put("receivedAt", a.receivedAt())
                    .put("ageSeconds", Math.max(0, (now - a.receivedAt()) / 1000))
                    .put("expiresAt", a.expiresAt() > 0 ? a.expiresAt() : null).put("onExpiry", a.onExpiry().value())
                    .put("question", value.path("question").asText(value.isTextual() ? value.asText() : value.toString()))
                    .set("options", value.path("options").isArray() ? value.path("options") : mapper.createArrayNode());
        }
        return rows;
    }

    /** The interrupts the run stopped at and what became of each (answer, who, when, resume run). */
    ArrayNode decisionsOf(String runId) {
        ArrayNode rows = mapper.createArrayNode();
        InterruptResumer resumer = component.interruptResumer();
        if (resumer == null) {
            return rows;
        }
        for (AwaitingInterrupt a : resumer.awaiting().ofRun(runId)) {
            ObjectNode row = rows.addObject().put("interruptId", a.interruptId()).put("question", read(a.value()).path("question")
                    .asText(a.value())).put("state", a.state()).put("receivedAt", a.receivedAt());
            Decision d = resumer.decision(new ResumeHandle(a.threadId(), a.interruptId(), a.callback(), 0));
            if (d != null) {
                row.put("decision", d.state()).put("answer", d.answer()).put("resumedBy", d.resumedBy())
                        .put("decidedAt", d.decidedAt()).put("resumeRunId", d.runId());
            }
        }
        return rows;
    }

    /** Answers a waiting interrupt ({@code <thread id>:<interrupt id>}); null when no such interrupt waits here. */
    Decision answer(String key, String answer) {
        InterruptResumer resumer = component.interruptResumer();
        int colon = key.indexOf(':');
        if (resumer == null || colon < 0 || answer == null || answer.isBlank()) {
            return null;
        }
        AwaitingInterrupt a = resumer.awaiting().find(key.substring(0, colon), key.substring(colon + 1));
        if (a == null) {
            return null;
        }
        JsonNode value;
        try {
            value = mapper.readTree(answer);
        } catch (IOException notJson) {
            value = TextNode.valueOf(answer);
        }
        return resumer.answer(new ResumeHandle(a.threadId(), a.interruptId(), a.callback(), 0), value, "operator");
    }

    private JsonNode read(String json) {
        try {
            return json == null ? mapper.createObjectNode() : mapper.readTree(json);
        } catch (IOException e) {
            return TextNode.valueOf(json);
        }
    }
}
