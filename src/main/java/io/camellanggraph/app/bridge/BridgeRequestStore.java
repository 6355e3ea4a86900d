package io.camellanggraph.app.bridge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.camellanggraph.store.JdbcUpdates;

/**
 * The requests the request-reply bridges accepted, in the outputs' database (SQLite by default, the cluster's
 * PostgreSQL when shared): one row per request id, with where its reply goes and the correlation id the reply
 * carries, recorded before the request is acknowledged (JMS) or its offset committed (Kafka). A row goes
 * {@code accepted} (its run id once the run was created) → {@code replied}, once. The SQL is the common subset of
 * both databases ({@code INSERT ... ON CONFLICT DO NOTHING}, single conditional {@code UPDATE}s).
 */
public final class BridgeRequestStore {

    /** What {@link #admit} decided for a request. */
    public enum Admission {
        /** First seen: start its run. */
        NEW,
        /** Recorded by an instance that died before its run was known to exist: start the run here (again). */
        TAKEN_OVER,
        /** Recorded already and started, or being started by a live caller: no second run, no second reply. */
        DUPLICATE
    }

    /** A recorded request. */
    public record Request(String requestId, String bridge, String replyTo, String correlationId, String owner, String runId,
                          String state) {
    }

    private final DataSource dataSource;

    public BridgeRequestStore(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS lg_bridge_request (request_id VARCHAR(400) PRIMARY KEY, bridge VARCHAR(16) NOT NULL,"
                    + " reply_to VARCHAR(400), correlation_id VARCHAR(400), owner VARCHAR(120) NOT NULL, run_id VARCHAR(80),"
                    + " state VARCHAR(16) NOT NULL, received_at BIGINT NOT NULL, replied_at BIGINT)");
            s.execute("CREATE INDEX IF NOT EXISTS lg_bridge_request_replied ON lg_bridge_request (state, replied_at)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the bridge's request table: " + e.getMessage(), e);
        }
    }

    /**
     * Records a request, durably, before its run starts. A request recorded already is a duplicate (a client sending
     * it again, a redelivery after the run started), unless the instance that recorded it is not {@code owner} and
     * never got to record its run: it died in between, so this caller starts the run.
     */
    public Admission admit(String requestId, String bridge, String replyTo, String correlationId, String owner) {
        int inserted = update("INSERT INTO lg_bridge_request (request_id, bridge, reply_to, correlation_id, owner, state, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, 'accepted', ?) ON CONFLICT (request_id) DO NOTHING",
                requestId, bridge, replyTo, correlationId, owner, System.currentTimeMillis());
        if (inserted == 1) {
            return Admission.NEW;
        }
        int taken = update("UPDATE lg_bridge_request SET owner = ?, reply_to = ?, correlation_id = ? WHERE request_id = ?"
                + " AND state = 'accepted' AND run_id IS NULL AND owner <> ?", owner, replyTo, correlationId, requestId, owner);
        return taken == 1 ? Admission.TAKEN_OVER : Admission.DUPLICATE;
    }

    /** The request's run exists: a redelivery of the request is a duplicate from now on. */
    public void runStarted(String requestId, String runId) {
        update("UPDATE lg_bridge_request SET run_id = ? WHERE request_id = ? AND run_id IS NULL", runId, requestId);
    }

    /** The recorded request, or null. */
    public Request find(String requestId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM lg_bridge_request WHERE request_id = ?")) {
            s.setString(1, requestId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Request(rs.getString("request_id"), rs.getString("bridge"), rs.getString("reply_to"),
                        rs.getString("correlation_id"), rs.getString("owner"), rs.getString("run_id"), rs.getString("state")) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("bridge request store query failed: " + e.getMessage(), e);
        }
    }

    /** Marks the request answered; {@code false} when it was answered already (or is unknown). */
    public boolean markReplied(String requestId, String runId) {
        return update("UPDATE lg_bridge_request SET state = 'replied', replied_at = ?, run_id = COALESCE(run_id, ?)"
                + " WHERE request_id = ? AND state = 'accepted'", System.currentTimeMillis(), runId, requestId) == 1;
    }

    /**
     * Deletes at most {@code limit} requests replied before {@code before}: a request id (a JMS correlation id, a Kafka
     * key) used again after that is a new request. Requests never answered stay.
     */
    public int prune(long before, int limit) {
        return update("DELETE FROM lg_bridge_request WHERE request_id IN (SELECT request_id FROM lg_bridge_request WHERE"
                + " state = 'replied' AND replied_at < ? LIMIT " + limit + ")", before);
    }

    /** Requests per state (operator view, tests). */
    public java.util.Map<String, Integer> countByState() {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT state, COUNT(*) FROM lg_bridge_request GROUP BY state")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("bridge request store query failed: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... args) {
        return JdbcUpdates.update(dataSource, "bridge request store", sql, args);
    }
}
