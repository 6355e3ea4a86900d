package io.camellanggraph.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code /wait} or {@code /stream} call answered HTTP 200 but the run itself failed: the server put an
 * {@code __error__} object in the values (or an {@code error} event in the stream).
 */
public class LangGraphRunFailedException extends LangGraphApiException {

    private final transient JsonNode error;

    public LangGraphRunFailedException(String call, JsonNode error) {
        super(200, call, describe(error), "LangGraph run failed in " + call + ": " + describe(error));
        this.error = error;
    }

    /** The server's error as sent: {@code {error, message}} or a plain string. */
    public JsonNode getError() {
        return error;
    }

    static String describe(JsonNode error) {
        if (error == null || error.isNull()) {
            return "unknown error";
        }
        if (error.isTextual()) {
            return error.asText();
        }
        String type = error.path("error").asText("");
        String message = error.path("message").asText("");
        return type.isEmpty() ? message : type + (message.isEmpty() ? "" : ": " + message);
    }
}
