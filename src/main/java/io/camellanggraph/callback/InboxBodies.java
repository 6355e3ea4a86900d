package io.camellanggraph.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** The inbox keeps claims and outcomes as JSON text: writing them, and reading them back without failing. */
final class InboxBodies {

    private InboxBodies() {
    }

    static String write(ObjectMapper mapper, JsonNode json) {
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body as JSON; a missing node when it is not JSON (the receiver only records JSON objects, so: never). */
    static JsonNode read(ObjectMapper mapper, String body) {
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
