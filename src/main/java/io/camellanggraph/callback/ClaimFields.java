package io.camellanggraph.callback;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The two fields a claim's inbox key needs, read from a webhook body with one streaming pass and no tree: the run id
 * and the claimed status, each text or absent. The pass still reads the whole body, so malformed JSON is refused
 * before the 2xx; everything else in the body is left for the confirm stage, after the 2xx.
 *
 * @param runId  the top-level {@code run_id}, or null when absent, null or blank
 * @param status the top-level {@code status}, or null when absent or null
 */
record ClaimFields(String runId, String status) {

    /** The body is not JSON, not an object, or its run id or status is not text. */
    static final class NotAClaim extends Exception {
        NotAClaim(String message) {
            super(message, null, false, false);
        }
    }

    static ClaimFields read(JsonFactory json, byte[] body) throws NotAClaim {
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new NotAClaim("not a LangGraph run (object with text run_id and status expected)");
            }
            String runId = null;
            String status = null;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("run_id".equals(name) || "status".equals(name)) {
                    if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                        throw new NotAClaim("not a LangGraph run (object with text run_id and status expected)");
                    }
                    String text = value == JsonToken.VALUE_NULL ? null : parser.getText();
                    if ("run_id".equals(name)) {
                        runId = text == null || text.isBlank() ? null : text;
                    } else {
                        status = text;
                    }
                } else {
                    // read through, not into a tree: still checks the nested JSON is well-formed
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new NotAClaim("body is not JSON");
            }
            return new ClaimFields(runId, status);
        } catch (IOException e) {
            throw new NotAClaim("body is not JSON");
        }
    }
}
