package io.camellanggraph.store;

import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

/**
 * The interrupts that wait for a person ({@code lg_awaiting}, one row per thread and interrupt id, in the callback
 * store's database): added when their outcome is routed, closed when answered, superseded or expired. An expiry is
 * taken by one instance at a time under a lease (the conditional update), so it fires once in a cluster, and a lease
 * left by a dead instance is taken over, so it fires after a restart.
 */
public final class AwaitingStore {

    private static final String COLUMNS = "thread_id, interrupt_id, callback, run_id, value, received_at, expires_at,"
            + " on_expiry, expiry_answer, state";

    private final DataSource dataSource;

    public AwaitingStore(DataSource dataSource) {
        this.dataSource = dataSource;
        JdbcStatements.schema(dataSource, "awaiting-input", (c, s) -> {
            s.execute("CREATE TABLE IF NOT EXISTS lg_awaiting (interrupt_key VARCHAR(240) PRIMARY KEY,"
                    + " thread_id VARCHAR(80) NOT NULL, interrupt_id VARCHAR(120) NOT NULL, callback VARCHAR(200) NOT NULL,"
                    + " run_id VARCHAR(80), value TEXT, received_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,"
                    + " on_expiry VARCHAR(16), expiry_answer TEXT, state VARCHAR(16) NOT NULL, lease_until BIGINT)");
            s.execute("CREATE INDEX IF NOT EXISTS lg_awaiting_state ON lg_awaiting (state, expires_at)");
            // supersede(): a thread's waiting interrupts; on (thread_id) alone SQLite read every waiting row by state instead
            s.execute("DROP INDEX IF EXISTS lg_awaiting_thread");
            s.execute("CREATE INDEX IF NOT EXISTS lg_awaiting_thread_state ON lg_awaiting (thread_id, state)");
            s.execute("CREATE INDEX IF NOT EXISTS lg_awaiting_received ON lg_awaiting (state, received_at)");
        });
    }

    /** Adds it as waiting; a redelivered outcome finds it there already and changes nothing. */
    public void add(AwaitingInterrupt a) {
        update("INSERT INTO lg_awaiting (interrupt_key, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (interrupt_key) DO NOTHING", a.key(), a.threadId(), a.interruptId(), a.callback(), a.runId(),
                a.value(), a.receivedAt(), a.expiresAt(), a.onExpiry().value(), a.expiryAnswer(), AwaitingInterrupt.WAITING);
    }

    /** The thread's other waiting interrupts are gone: the thread moved on (answered elsewhere, or resumed here). */
    public void supersede(String threadId, Collection<String> stillPending) {
        for (AwaitingInterrupt a : query("SELECT " + COLUMNS + " FROM lg_awaiting WHERE thread_id = ? AND state = ?",
                threadId, AwaitingInterrupt.WAITING)) {
            if (!stillPending.contains(a.interruptId())) {
                close(a.key(), AwaitingInterrupt.GONE);
            }
        }
    }

    public void close(String key, String state) {
        update("UPDATE lg_awaiting SET state = ?, lease_until = NULL WHERE interrupt_key = ? AND state IN (?, ?)",
                state, key, AwaitingInterrupt.WAITING, AwaitingInterrupt.EXPIRING);
    }

    /**
     * The answer recorded for it was withdrawn (the server refused its resume run, or the thread moved on): it becomes
     * {@code state}, {@code waiting} again (its expiry kept, so one already past fires at the next pass) or {@code gone};
     * only a row closed as answered changes.
     */
    public void answerWithdrawn(String key, String state) {
        update("UPDATE lg_awaiting SET state = ?, lease_until = NULL WHERE interrupt_key = ? AND state = ?", state, key,
                AwaitingInterrupt.ANSWERED);
    }

    /** Waiting now, oldest first (the operator page). */
    public List<AwaitingInterrupt> waiting(int limit) {
        return query("SELECT " + COLUMNS + " FROM lg_awaiting WHERE state = ? ORDER BY received_at LIMIT " + limit,
                AwaitingInterrupt.WAITING);
    }

    /** Expired and not yet handled: waiting past their expiry, or taken by an instance whose lease ran out. */
    public List<AwaitingInterrupt> due(long now, int limit) {
        return query("SELECT " + COLUMNS + " FROM lg_awaiting WHERE (state = ? AND expires_at > 0 AND expires_at <= ?)"
                + " OR (state = ? AND lease_until < ?) ORDER BY expires_at LIMIT " + limit,
                AwaitingInterrupt.WAITING, now, AwaitingInterrupt.EXPIRING, now);
    }

    /** Takes a due expiry for this instance; false when another took it or it was answered meanwhile. */
    public boolean take(String key, long now, long leaseUntil) {
        return update("UPDATE lg_awaiting SET state = ?, lease_until = ? WHERE interrupt_key = ? AND ((state = ?"
                + " AND expires_at > 0 AND expires_at <= ?) OR (state = ? AND lease_until < ?))", AwaitingInterrupt.EXPIRING,
                leaseUntil, key, AwaitingInterrupt.WAITING, now, AwaitingInterrupt.EXPIRING, now) == 1;
    }

    /** Deletes at most {@code limit} closed interrupts (answered, expired, gone) received before {@code before}. */
    public int prune(long before, int limit) {
        return update("DELETE FROM lg_awaiting WHERE interrupt_key IN (SELECT interrupt_key FROM lg_awaiting WHERE state IN"
                + " (?, ?, ?) AND received_at < ? LIMIT " + limit + ")", AwaitingInterrupt.ANSWERED, AwaitingInterrupt.EXPIRED,
                AwaitingInterrupt.GONE, before);
    }

    /** The interrupts a run stopped at, in any state (a run's detail on the operator page). */
    public List<AwaitingInterrupt> ofRun(String runId) {
        return query("SELECT " + COLUMNS + " FROM lg_awaiting WHERE run_id = ? ORDER BY received_at", runId);
    }

    public AwaitingInterrupt find(String threadId, String interruptId) {
        List<AwaitingInterrupt> found = query("SELECT " + COLUMNS + " FROM lg_awaiting WHERE interrupt_key = ?",
                threadId + ":" + interruptId);
        return found.isEmpty() ? null : found.get(0);
    }

    private int update(String sql, Object... args) {
        return JdbcStatements.update(dataSource, "awaiting-input store", sql, args);
    }

    private List<AwaitingInterrupt> query(String sql, Object... args) {
        return JdbcStatements.query(dataSource, "awaiting-input store", sql, rs -> new AwaitingInterrupt(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7),
                ExpiryAction.of(rs.getString(8)), rs.getString(9), rs.getString(10)), args);
    }
}
