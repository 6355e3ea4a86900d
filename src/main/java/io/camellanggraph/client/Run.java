package io.camellanggraph.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A typed view of a LangGraph Run as the API returns it and as a webhook delivers it. The JSON stays the
 * source of truth ({@link #json()}) so fields this version does not know about travel on untouched.
 */
public record Run(ObjectNode json) {

    public static Run of(JsonNode node) {
        if (node == null || !node.isObject() || !node.hasNonNull("run_id") || !node.hasNonNull("status")) {
            throw new IllegalArgumentException("not a LangGraph run: an object with run_id and status is required");
        }
        return new Run((ObjectNode) node);
    }

    public String runId() {
        return json.path("run_id").asText();
    }

    /** Null for a stateless run whose thread is already gone. */
    public String threadId() {
        return text("thread_id");
    }

    public String assistantId() {
        return text("assistant_id");
    }

    /** {@code pending}, {@code running}, {@code success}, {@code error}, {@code timeout}, {@code interrupted}, {@code rollback}. */
    public String status() {
        return json.path("status").asText();
    }

    public boolean isTerminal() {
        return switch (status()) {
            case "pending", "running" -> false;
            default -> true;
        };
    }

    public JsonNode metadata() {
        return json.path("metadata");
    }

    public String metadata(String key) {
        JsonNode value = metadata().get(key);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Final state values; absent for temporary (stateless, {@code on_completion=delete}) runs. */
    public JsonNode values() {
        return json.get("values");
    }

    /**
     * The failure as one readable line. Older servers and the JS server send a string, Python
     * {@literal >=} 0.7.46 an object {@code {error, message}}; both are accepted.
     */
    public String errorMessage() {
        JsonNode error = json.get("error");
        return error == null || error.isNull() ? null : LangGraphRunFailedException.describe(error);
    }

    /** The error's class ({@code ValueError}, {@code UserInterrupt}, ...): only the object shape names it. */
    public String errorType() {
        JsonNode error = json.get("error");
        return error != null && error.isObject() ? error.path("error").asText(null) : null;
    }

    private String text(String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
