package io.camellanggraph.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a bridge test reads from a (stopped or running) app's data directory: a request's row in the outputs' store,
 * and the status the server gives a run the app has pending.
 */
public final class BridgeRows {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BridgeRows() {
    }

    /** A column of the request's {@code lg_bridge_request} row; null while the store or the row does not exist. */
    public static String column(Path dataDir, String requestId, String name) {
        return select(dataDir, "request_id", requestId, name);
    }

    /**
     * The same, found by the correlation id its reply carries (the packaged app's tests, whose classpath has no app
     * classes to compute a request id with).
     */
    public static String columnByCorrelation(Path dataDir, String correlationId, String name) {
        return select(dataDir, "correlation_id", correlationId, name);
    }

    private static String select(Path dataDir, String by, String value, String name) {
        Path db = dataDir.resolve("outputs.db");
        if (!Files.exists(db)) {
            return null;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement s = c.prepareStatement("SELECT " + name + " FROM lg_bridge_request WHERE " + by + " = ?")) {
            s.setString(1, value);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException notYetCreated) {
            return null;
        }
    }

    /** The run's status on the server: its thread from the app's pending run, then GET /threads/{t}/runs/{r}. */
    public static String runStatus(Path dataDir, String server, String runId) throws Exception {
        String threadId;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("langgraph-callbacks.db"));
             PreparedStatement s = c.prepareStatement("SELECT thread_id FROM lg_pending_run WHERE run_id = ?")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                threadId = rs.next() ? rs.getString(1) : null;
            }
        }
        if (threadId == null) {
            throw new AssertionError("run " + runId + " is not pending in the app's store");
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server + "/threads/" + threadId + "/runs/" + runId)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return MAPPER.readTree(response.body()).path("status").asText();
    }
}
