package io.camellanggraph.store;

import java.util.List;

import javax.sql.DataSource;

/**
 * The durable record of answers to interrupts, one row per interrupt ({@code lg_decision}, keyed by thread and
 * interrupt id), in the callback store's database (SQLite or PostgreSQL). The insert is the "exactly once": a second
 * answer finds the row and is refused, on any instance. A row stays {@code starting} under a lease until its resume
 * run is known to exist; a row whose lease ran out (the instance died between recording and starting) is taken over
 * by the next recovery pass.
 */
public final class DecisionStore {

    private static final String COLUMNS = "thread_id, interrupt_id, callback, answer, resumed_by, decided_at,"
            + " correlation_id, state, run_id, command";

    private final DataSource dataSource;

    public DecisionStore(DataSource dataSource) {
        this.dataSource = dataSource;
        JdbcStatements.schema(dataSource, "decision", (c, s) -> {
            s.execute("CREATE TABLE IF NOT EXISTS lg_decision (interrupt_key VARCHAR(240) PRIMARY KEY,"
                    + " thread_id VARCHAR(80) NOT NULL, interrupt_id VARCHAR(120) NOT NULL, callback VARCHAR(200) NOT NULL,"
                    + " answer TEXT NOT NULL, resumed_by VARCHAR(200), decided_at BIGINT NOT NULL,"
                    + " correlation_id VARCHAR(80) NOT NULL, state VARCHAR(16) NOT NULL, run_id VARCHAR(80), command TEXT,"
                    + " owner VARCHAR(120), lease_until BIGINT)");
            s.execute("CREATE INDEX IF NOT EXISTS lg_decision_state ON lg_decision (state, lease_until)");
            s.execute("CREATE INDEX IF NOT EXISTS lg_decision_decided ON lg_decision (state, decided_at)");
        });
    }

    /** Records the decision as {@code starting}, leased to {@code owner}; false when the interrupt has one already. */
    public boolean record(Decision d, String owner, long leaseUntil) {
        return update("INSERT INTO lg_decision (interrupt_key, " + COLUMNS + ", owner, lease_until)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (interrupt_key) DO NOTHING",
                d.key(), d.threadId(), d.interruptId(), d.callback(), d.answer(), d.resumedBy(), d.decidedAt(),
                d.correlationId(), Decision.STARTING, null, d.command(), owner, leaseUntil) == 1;
    }

    /**
     * Closes the interrupt without an answer (its expiry, with onExpiry=cancel or route); false when it has a decision
     * already. Like {@link #record}, the insert settles the interrupt once: an expiry and an answer racing, the first
     * insert wins and later answers are refused.
     */
    public boolean cancel(Decision d) {
        return update("INSERT INTO lg_decision (interrupt_key, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (interrupt_key) DO NOTHING", d.key(), d.threadId(), d.interruptId(), d.callback(), d.answer(),
                d.resumedBy(), d.decidedAt(), d.correlationId(), Decision.CANCELLED, null, null) == 1;
    }

    public Decision find(String threadId, String interruptId) {
        List<Decision> found = query("SELECT " + COLUMNS + " FROM lg_decision WHERE interrupt_key = ?", threadId + ":" + interruptId);
        return found.isEmpty() ? null : found.get(0);
    }

    public void markStarted(String key, String runId) {
        update("UPDATE lg_decision SET state = ?, run_id = ?, owner = NULL, lease_until = NULL WHERE interrupt_key = ?",
                Decision.STARTED, runId, key);
    }

    /** The server refused the resume run for good: the decision is withdrawn, so the interrupt may be answered again. */
    public void withdraw(String key) {
        update("DELETE FROM lg_decision WHERE interrupt_key = ? AND state = ?", key, Decision.STARTING);
    }

    /** Decisions still {@code starting} whose lease ran out: their instance died or gave up between record and start. */
    public List<Decision> abandoned(long now, int limit) {
        return query("SELECT " + COLUMNS + " FROM lg_decision WHERE state = ? AND lease_until < ? ORDER BY decided_at LIMIT "
                + limit, Decision.STARTING, now);
    }

    /** Takes an abandoned decision over; false when another instance took it (or it was started) first. */
    public boolean takeOver(String key, String owner, long now, long leaseUntil) {
        return update("UPDATE lg_decision SET owner = ?, lease_until = ? WHERE interrupt_key = ? AND state = ?"
                + " AND lease_until < ?", owner, leaseUntil, key, Decision.STARTING, now) == 1;
    }

    /**
     * Deletes at most {@code limit} finished decisions (resume run started, or cancelled) taken before {@code before}. An
     * answer to such an interrupt later is refused all the same: the thread no longer waits at it.
     */
    public int prune(long before, int limit) {
        return update("DELETE FROM lg_decision WHERE interrupt_key IN (SELECT interrupt_key FROM lg_decision WHERE state IN"
                + " (?, ?) AND decided_at < ? LIMIT " + limit + ")", Decision.STARTED, Decision.CANCELLED, before);
    }

    /** Every decision, newest first (operator view, tests). */
    public List<Decision> recent(int limit) {
        return query("SELECT " + COLUMNS + " FROM lg_decision ORDER BY decided_at DESC LIMIT " + limit);
    }

    private int update(String sql, Object... args) {
        return JdbcStatements.update(dataSource, "decision store", sql, args);
    }

    private List<Decision> query(String sql, Object... args) {
        return JdbcStatements.query(dataSource, "decision store", sql, rs -> new Decision(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10)), args);
    }
}
