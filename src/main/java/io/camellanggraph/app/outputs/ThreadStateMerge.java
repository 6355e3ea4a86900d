package io.camellanggraph.app.outputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;

/**
 * Content enricher's strategy for interrupted runs: adds what {@code langgraph:getThreadState} answered to the run as
 * {@code thread_state}: the nodes it waits before ({@code next}), the interrupt payloads a person answers
 * ({@code interrupts}), the state's {@code values} and checkpoint, without secret-named fields.
 */
public class ThreadStateMerge implements AggregationStrategy {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public Exchange aggregate(Exchange original, Exchange resource) {
        if (resource == null || resource.getException() != null) {
            return original;
        }
        try {
            ObjectNode run = (ObjectNode) MAPPER.readTree(original.getMessage().getBody(String.class));
            JsonNode state = MAPPER.readTree(resource.getMessage().getBody(String.class));
            ObjectNode merged = run.putObject("thread_state");
            merged.set("next", state.path("next"));
            ArrayNode interrupts = merged.putArray("interrupts");
            for (JsonNode task : state.path("tasks")) {
                task.path("interrupts").forEach(interrupts::add);
            }
            merged.set("values", state.path("values"));
            merged.put("checkpoint_id", state.path("checkpoint").path("checkpoint_id").asText(null));
            merged.put("created_at", state.path("created_at").asText(null));
            ContentFilter.strip(merged);
            original.getMessage().setBody(MAPPER.writeValueAsString(run));
            return original;
        } catch (Exception e) {
            throw RuntimeCamelException.wrapRuntimeCamelException(e);
        }
    }
}
