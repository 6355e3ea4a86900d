package io.camellanggraph.client;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A streamed run read to its end: every event in order, the run id from the {@code metadata} event and the
 * last {@code values} event (the final state), if the stream mode produced one.
 */
public record StreamResult(String runId, List<SseEvent> events, JsonNode values) {
}
