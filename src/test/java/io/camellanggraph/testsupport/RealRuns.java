package io.camellanggraph.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Real runs on a real LangGraph server, made the way this app makes them (the correlation id in the run's
 * metadata) but without a webhook, so that a test can post their callbacks itself: the real outcome, a forgery
 * about it, or a claim about a run that is still running.
 */
public final class RealRuns {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String serverUrl;

    public RealRuns(String serverUrl) {
        this.serverUrl = serverUrl;
    }

    /** A run as the server stores it, with the correlation id it was started under. */
    public record RealRun(String correlationId, String runId, String threadId, ObjectNode json) {

        /** The run as a webhook body, with other values and/or status: what a forger would post. */
        public String claim(String status, String valuesJson) {
            ObjectNode body = json.deepCopy();
            body.put("status", status);
            try {
                body.set("values", MAPPER.readTree(valuesJson));
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
            return body.toString();
        }
    }

    /** Starts a run of {@code assistant} (on a new thread) under a fresh correlation id, and returns at once. */
    public RealRun start(String assistant, String inputJson) throws Exception {
        return start(assistant, inputJson, UUID.randomUUID().toString());
    }

    public RealRun start(String assistant, String inputJson, String correlationId) throws Exception {
        String threadId = call("POST", "/threads", "{}").path("thread_id").asText();
        ObjectNode request = MAPPER.createObjectNode().put("assistant_id", assistant);
        request.set("input", MAPPER.readTree(inputJson));
        request.putObject("metadata").put("camel_langgraph_cid", correlationId);
        JsonNode run = call("POST", "/threads/" + threadId + "/runs", request.toString());
        return new RealRun(correlationId, run.path("run_id").asText(), threadId, (ObjectNode) run);
    }

    /** Starts a run and waits until it ended; the run as the server then reports it (status, and values added). */
    public RealRun finished(String assistant, String inputJson) throws Exception {
        RealRun started = start(assistant, inputJson);
        return join(started);
    }

    public RealRun join(RealRun run) throws Exception {
        call("GET", "/threads/" + run.threadId() + "/runs/" + run.runId() + "/join", null);
        ObjectNode json = (ObjectNode) call("GET", "/threads/" + run.threadId() + "/runs/" + run.runId(), null);
        json.set("values", call("GET", "/threads/" + run.threadId() + "/state", null).path("values"));
        return new RealRun(run.correlationId(), run.runId(), run.threadId(), json);
    }

    /** One call of the server's API; its answer as JSON (a status of 300 or more fails). */
    JsonNode call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serverUrl + path)).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return MAPPER.readTree(response.body());
    }
}
