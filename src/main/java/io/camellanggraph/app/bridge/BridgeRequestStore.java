package io.camellanggraph.app.bridge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.camellanggraph.store.JdbcStatements;

/**
 * The requests the request-reply bridges accepted, in the outputs' database (SQLite by default, the cluster's
 * PostgreSQL when shared): one row per request id (the client's reply destination and correlation id, see
 * {@link BridgeRequests#requestId}), with where its reply goes and the correlation id the reply carries, recorded
 * before the request is acknowledged (JMS) or its offset committed (Kafka). A row goes {@code accepted} (its run id
 * once the run was created) → {@code replied} (with the reply as sent, for a duplicate of the request), once; or, when
 * the reply the request route sends itself (an error reply) cannot be delivered, {@code failed} with the reason: a
 * dead letter, listed by {@link #failed}, until a duplicate of the request gets the reply after all. A row
 * received longer ago than the bridge's window is expired: the same id is then a new request, and {@link #prune}
 * deletes expired rows that are answered or never got a run. The SQL is the common subset of both databases
 * ({@code INSERT ... ON CONFLICT DO NOTHING}, single conditional {@code UPDATE}s, {@code DELETE ... IN (SELECT ...
 * LIMIT)}).
 */
public final class BridgeRequestStore {

    /** What {@link #admit} decided for a request. */
    public enum Admission {
        /** First seen, or seen last before the window: start its run. */
        NEW,
        /** Recorded by an instance that died before its run was known to exist: start the run here, unless it exists. */
        TAKEN_OVER,
        /** Recorded already and started, or being started by a live caller: no second run. */
        DUPLICATE
    }

    /**
     * A recorded request; {@code receivedAt} tells one admission of its id from a later one after expiry; {@code settledAt}
     * when it was answered or its reply failed (0 before).
     */
    public record Request(String requestId, String bridge, String replyTo, String correlationId, String owner, String runId,
                          String state, long receivedAt, long settledAt, String replyBody, String replyHeaders,
                          String failedReason) {

        public boolean replied() {
            return "replied".equals(state);
        }
    }

    /** {@link #admit}'s decision and the request's row as it stands after it. */
    public record Admitted(Admission admission, Request request) {
    }

    private static final String STORE = "bridge request store";

    private final DataSource dataSource;

    public BridgeRequestStore(DataSource dataSource) {
        this.dataSource = dataSource;
        JdbcStatements.schema(dataSource, "bridge request", (c, s) -> {
            s.execute("CREATE TABLE IF NOT EXISTS lg_bridge_request (request_id VARCHAR(400) PRIMARY KEY, bridge VARCHAR(16) NOT NULL,"
                    + " reply_to VARCHAR(400), correlation_id VARCHAR(400), owner VARCHAR(120) NOT NULL, run_id VARCHAR(80),"
                    + " state VARCHAR(16) NOT NULL, received_at BIGINT NOT NULL, replied_at BIGINT, reply_body TEXT, reply_headers TEXT,"
                    + " failed_reason TEXT)");
            if (!JdbcStatements.hasColumn(c, "lg_bridge_request", "reply_body")) {
                // stores created before duplicates got the first reply lack them
                s.execute("ALTER TABLE lg_bridge_request ADD COLUMN reply_body TEXT");
                s.execute("ALTER TABLE lg_bridge_request ADD COLUMN reply_headers TEXT");
            }
            if (!JdbcStatements.hasColumn(c, "lg_bridge_request", "failed_reason")) {
                // stores created before an undeliverable error reply was a dead letter lack it
                s.execute("ALTER TABLE lg_bridge_request ADD COLUMN failed_reason TEXT");
            }
            s.execute("CREATE INDEX IF NOT EXISTS lg_bridge_request_received ON lg_bridge_request (received_at)");
        });
    }

    /**
     * Records a request, durably, before its run starts. A request recorded at or after {@code expiredBefore} is a
     * duplicate (a client sending it again, a redelivery after the run started), unless the instance that recorded it
     * is not {@code owner} and never got to record its run: it died in between, so this caller takes it over. One
     * recorded before {@code expiredBefore} is recorded anew, as a new request.
     */
    public Admitted admit(String requestId, String bridge, String replyTo, String correlationId, String owner, long now,
                          long expiredBefore) {
        int inserted = update("INSERT INTO lg_bridge_request (request_id, bridge, reply_to, correlation_id, owner, state, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, 'accepted', ?) ON CONFLICT (request_id) DO NOTHING",
                requestId, bridge, replyTo, correlationId, owner, now);
        int renewed = inserted == 1 ? 0 : update("UPDATE lg_bridge_request SET bridge = ?, reply_to = ?, correlation_id = ?,"
                + " owner = ?, run_id = NULL, state = 'accepted', received_at = ?, replied_at = NULL, reply_body = NULL,"
                + " reply_headers = NULL, failed_reason = NULL WHERE request_id = ? AND received_at < ?",
                bridge, replyTo, correlationId, owner, now, requestId, expiredBefore);
        if (inserted == 1 || renewed == 1) {
            return new Admitted(Admission.NEW, new Request(requestId, bridge, replyTo, correlationId, owner, null, "accepted",
                    now, 0, null, null, null));
        }
        int taken = update("UPDATE lg_bridge_request SET owner = ?, reply_to = ?, correlation_id = ? WHERE request_id = ?"
                + " AND state = 'accepted' AND run_id IS NULL AND owner <> ?", owner, replyTo, correlationId, requestId, owner);
        return new Admitted(taken == 1 ? Admission.TAKEN_OVER : Admission.DUPLICATE, find(requestId));
    }

    /** The request's run exists: a redelivery of the request is a duplicate from now on. */
    public void runStarted(String requestId, String runId) {
        update("UPDATE lg_bridge_request SET run_id = ? WHERE request_id = ? AND run_id IS NULL", runId, requestId);
    }

    /** The recorded request, or null. */
    public Request find(String requestId) {
        return JdbcStatements.first(dataSource, STORE, "SELECT * FROM lg_bridge_request WHERE request_id = ?",
                BridgeRequestStore::request, requestId);
    }

    /**
     * Keeps the reply about to be sent with its request, still unanswered: a duplicate of the request from here on gets
     * this reply again, also one that comes after the client received the first copy but before it was marked replied.
     */
    public void keepReply(String requestId, String replyBody, String replyHeaders) {
        update("UPDATE lg_bridge_request SET reply_body = ?, reply_headers = ? WHERE request_id = ? AND state = 'accepted'",
                replyBody, replyHeaders, requestId);
    }

    /**
     * Marks the request answered with the reply as sent ({@code replyBody}, {@code replyHeaders} as JSON; null when
     * nothing was sent); {@code false} when it was answered already (or is unknown).
     */
    public boolean markReplied(String requestId, String runId, String replyBody, String replyHeaders) {
        return update("UPDATE lg_bridge_request SET state = 'replied', replied_at = ?, run_id = COALESCE(run_id, ?),"
                + " reply_body = ?, reply_headers = ?, failed_reason = NULL WHERE request_id = ? AND state IN ('accepted', 'failed')",
                System.currentTimeMillis(), runId, replyBody, replyHeaders, requestId) == 1;
    }

    /**
     * The reply kept for an unanswered request could not be delivered: the request is a dead letter with the reason;
     * {@code false} when it was answered already (or is unknown).
     */
    public boolean markFailed(String requestId, String reason) {
        return update("UPDATE lg_bridge_request SET state = 'failed', replied_at = ?, failed_reason = ? WHERE request_id = ?"
                + " AND state IN ('accepted', 'failed')", System.currentTimeMillis(), reason, requestId) == 1;
    }

    /** The requests whose reply could not be delivered (dead letters), newest first, at most {@code limit}. */
    public List<Request> failed(int limit) {
        return JdbcStatements.query(dataSource, STORE, "SELECT * FROM lg_bridge_request WHERE state = 'failed'"
                + " ORDER BY replied_at DESC LIMIT ?", BridgeRequestStore::request, limit);
    }

    /**
     * Deletes at most {@code limit} rows received before {@code expiredBefore} that are answered, failed or never got a run (a
     * request whose run is still to answer keeps its row until it is answered); returns how many.
     */
    public int prune(long expiredBefore, int limit) {
        return update("DELETE FROM lg_bridge_request WHERE request_id IN (SELECT request_id FROM lg_bridge_request"
                + " WHERE received_at < ? AND (state IN ('replied', 'failed') OR run_id IS NULL) LIMIT ?)", expiredBefore, limit);
    }

    /** Requests per state (operator view, tests). */
    public Map<String, Integer> countByState() {
        Map<String, Integer> counts = new TreeMap<>();
        JdbcStatements.query(dataSource, STORE, "SELECT state, COUNT(*) FROM lg_bridge_request GROUP BY state",
                rs -> counts.put(rs.getString(1), rs.getInt(2)));
        return counts;
    }

    private static Request request(ResultSet rs) throws SQLException {
        return new Request(rs.getString("request_id"), rs.getString("bridge"), rs.getString("reply_to"), rs.getString("correlation_id"),
                rs.getString("owner"), rs.getString("run_id"), rs.getString("state"), rs.getLong("received_at"),
                rs.getLong("replied_at"), rs.getString("reply_body"), rs.getString("reply_headers"), rs.getString("failed_reason"));
    }

    private int update(String sql, Object... args) {
        return JdbcStatements.update(dataSource, STORE, sql, args);
    }
}
