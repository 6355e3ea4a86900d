package io.camellanggraph.client;

import com.fasterxml.jackson.databind.JsonNode;

/** One server-sent event of a streamed run: its name ({@code metadata}, {@code values}, {@code updates}, ...) and data. */
public record SseEvent(String event, JsonNode data) {
}
