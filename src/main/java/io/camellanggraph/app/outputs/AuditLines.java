package io.camellanggraph.app.outputs;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.component.LangGraphConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import static io.camellanggraph.app.outputs.RunJson.MAPPER;
import static io.camellanggraph.app.outputs.RunJson.assistant;
import static io.camellanggraph.app.outputs.RunJson.duration;

/** The wire tap's audit trail: one JSON line per delivery of an outcome. */
public class AuditLines {

    /**
     * One JSON Lines record (with its newline) summing up the outcome for the append-only audit file: one per delivery,
     * so a redelivered outcome has a second line with the same {@code idempotency_key}, for a reader to de-duplicate.
     */
    public String auditLine(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        JsonNode run = MAPPER.readTree(in.getBody(String.class));
        ObjectNode line = MAPPER.createObjectNode();
        line.put("audited_at", Instant.now().toString());
        line.put("idempotency_key", in.getHeader(LangGraphConstants.IDEMPOTENCY_KEY, String.class));
        line.put("run_id", run.path("run_id").asText(null));
        line.put("thread_id", run.path("thread_id").asText(null));
        line.put("assistant_id", run.path("assistant_id").asText(null));
        line.put("graph_id", assistant(run));
        line.put("status", run.path("status").asText(null));
        line.put("interrupted", in.getHeader(LangGraphConstants.INTERRUPTED, false, Boolean.class));
        line.put("callback", in.getHeader(LangGraphConstants.CALLBACK, String.class));
        line.put("source", in.getHeader(LangGraphConstants.SOURCE, String.class));
        line.put("correlation_id", in.getHeader(LangGraphConstants.CORRELATION_ID, String.class));
        line.put("run_started_at", run.path("run_started_at").asText(null));
        line.put("run_ended_at", run.path("run_ended_at").asText(null));
        Duration duration = duration(run);
        if (duration != null) {
            line.put("duration_ms", duration.toMillis());
        }
        String error = in.getHeader(LangGraphConstants.ERROR, String.class);
        if (error != null) {
            line.put("error", error);
        }
        return MAPPER.writeValueAsString(line) + "\n";
    }
}
