package io.camellanggraph.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * {@link CallbackStore} on JDBC, for the two databases the project supports: SQLite (embedded default, one
 * file, WAL journal: a commit is a write to the journal file, so it survives a killed process; with
 * {@code synchronous=NORMAL} a power loss may lose the last commits) and PostgreSQL (shared by a cluster).
 * The SQL is the common subset of both ({@code INSERT ... ON CONFLICT DO NOTHING}).
 *
 * <p>Longer than 300 lines because it implements the five parts of {@link CallbackStore} over one schema and one
 * pair of write paths (group-committed receipts, batched bookkeeping); each method is one statement.
 */
public final class JdbcCallbackStore implements CallbackStore {

    /** The tables the app keeps in the callback store's database, as the operator page lists them. */
    public static final List<String> TABLES = List.of("lg_inbox", "lg_pending_run", "lg_unconfirmed", "lg_rejected", "lg_decision",
            "lg_awaiting", "lg_schedule_tick", "lg_schedule", "lg_lease");
    private static final int REJECTED_BODY_MAX = 4096;
    private static final int REJECTED_KEPT = 1000;

    private static final int MAX_BATCH = 256;
    /** Writes that may wait for each writer, and how long a caller waits for its commit (then: busy, 503). */
    private static final int QUEUE_CAPACITY = 10_000;
    private static final long COMMIT_TIMEOUT_MILLIS = 5_000;
    /**
     * SQLite's page cache on the writing connection, in KiB (SQLite's default is 2 MB). Claims enter the primary key's
     * index in random order (run ids), so once the inbox outgrows the cache each commit reads the index pages it
     * changes back from the file. Measured with a minute of forged claims (3 GB of inbox and write-ahead log): 8.2 – 9.8 thousand
     * receipts a second in its last 30 s against 6.8 – 8.7 thousand with the default. Taken as pages are used.
     */
    static final int WRITER_CACHE_KIB = 65_536;
    private static final String MARK_ROUTED = "UPDATE lg_inbox SET state = 'routed', reason = NULL,"
            + " body = COALESCE(?, body) WHERE dedup_key = ?";

    private final HikariDataSource dataSource;
    /** Where queries run: on SQLite a pool of its own (WAL readers never wait for the writer); else the same pool. */
    private final HikariDataSource readSource;
    private final GroupCommitWriter writer;
    private final BookkeepingWriter bookkeeping;
    private final WalCheckpointer checkpointer;
    private final java.util.concurrent.atomic.AtomicLong unconfirmedSinceTrim = new java.util.concurrent.atomic.AtomicLong();

    private JdbcCallbackStore(HikariDataSource dataSource, HikariDataSource readSource, WalCheckpointer checkpointer) {
        this.dataSource = dataSource;
        this.readSource = readSource;
        createSchema();
        this.writer = new GroupCommitWriter(dataSource, MAX_BATCH, QUEUE_CAPACITY, COMMIT_TIMEOUT_MILLIS);
        this.bookkeeping = new BookkeepingWriter(dataSource, MAX_BATCH, QUEUE_CAPACITY, COMMIT_TIMEOUT_MILLIS);
        this.checkpointer = checkpointer;
    }

    /** The embedded default: {@code jdbc:sqlite:<file>}, or any JDBC URL of a PostgreSQL database. */
    public static JdbcCallbackStore open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("langgraph-store");
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            // SQLite has one writer at a time: one connection avoids SQLITE_BUSY instead of waiting on it
            config.setMaximumPoolSize(1);
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("busy_timeout", "10000");
            config.addDataSourceProperty("cache_size", String.valueOf(-WRITER_CACHE_KIB));
            // checkpoints (which fsync) run on their own connection and thread, never inside a receipt's commit
            config.setConnectionInitSql("PRAGMA wal_autocheckpoint=0");
            HikariDataSource writes = new HikariDataSource(config);
            // the dispatch threads' look-ups and the rescans read while the writers commit: they never hold the
            // one writing connection, so a receipt's commit does not queue behind a query
            HikariConfig reads = new HikariConfig();
            reads.setJdbcUrl(jdbcUrl);
            reads.setPoolName("langgraph-store-reads");
            reads.setMaximumPoolSize(4);
            reads.addDataSourceProperty("busy_timeout", "10000");
            return new JdbcCallbackStore(writes, new HikariDataSource(reads), new WalCheckpointer(jdbcUrl));
        }
        config.setMaximumPoolSize(8);
        config.setUsername(user);
        config.setPassword(password);
        HikariDataSource pool = new HikariDataSource(config);
        return new JdbcCallbackStore(pool, pool, null);
    }

    /** The store's pool, for the stores of other concerns that keep their tables in the same database. */
    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    private void createSchema() {
        JdbcStatements.schema(dataSource, "callback store", (c, s) -> {
            s.execute("CREATE TABLE IF NOT EXISTS lg_inbox (dedup_key VARCHAR(200) PRIMARY KEY, callback VARCHAR(200) NOT NULL,"
                    + " correlation_id VARCHAR(80), source VARCHAR(16) NOT NULL, body TEXT NOT NULL, received_at BIGINT NOT NULL,"
                    + " state VARCHAR(16) NOT NULL, reason TEXT, owner VARCHAR(120), lease_until BIGINT)");
            s.execute("CREATE INDEX IF NOT EXISTS lg_inbox_state ON lg_inbox (state, received_at)");
            // run_id is null from the row's insert (before the server is asked to create the run) until the create's answer
            s.execute("CREATE TABLE IF NOT EXISTS lg_pending_run (correlation_id VARCHAR(80) PRIMARY KEY, run_id VARCHAR(80),"
                    + " thread_id VARCHAR(80), callback VARCHAR(200) NOT NULL, created_at BIGINT NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS lg_pending_run_created ON lg_pending_run (created_at)");
            if (!JdbcStatements.hasColumn(c, "lg_inbox", "owner")) {
                // stores created before claims had leases lack them
                s.execute("ALTER TABLE lg_inbox ADD COLUMN owner VARCHAR(120)");
                s.execute("ALTER TABLE lg_inbox ADD COLUMN lease_until BIGINT");
            }
            if (!JdbcStatements.hasColumn(c, "lg_pending_run", "assistant_id")) {
                // stores created before runs were confirmed with the server lack it
                s.execute("ALTER TABLE lg_pending_run ADD COLUMN assistant_id VARCHAR(80)");
            }
            s.execute("CREATE TABLE IF NOT EXISTS lg_unconfirmed (at BIGINT NOT NULL, callback VARCHAR(200), run_id VARCHAR(200),"
                    + " claimed_status VARCHAR(40), reason VARCHAR(40) NOT NULL, detail TEXT)");
            s.execute("CREATE TABLE IF NOT EXISTS lg_rejected (received_at BIGINT NOT NULL, callback VARCHAR(200),"
                    + " status INT NOT NULL, reason TEXT NOT NULL, body TEXT)");
        });
    }

    /** Group-committed with the other receipts of the moment: one transaction, one journal write for all of them. */
    @Override
    public boolean record(InboxEntry entry) {
        return writer.insert(entry);
    }

    @Override
    public void markRouted(String dedupKey, String correlationId, String confirmedBody) {
        // its run is pending no more: removed in the same transaction
        BookkeepingWriter.Step routed = new BookkeepingWriter.Step(MARK_ROUTED, confirmedBody, dedupKey);
        if (correlationId == null) {
            bookkeeping.apply(routed);
        } else {
            bookkeeping.apply(routed, new BookkeepingWriter.Step("DELETE FROM lg_pending_run WHERE correlation_id = ?", correlationId));
        }
    }

    @Override
    public void markFailed(String dedupKey, String reason) {
        bookkeeping.apply(new BookkeepingWriter.Step("UPDATE lg_inbox SET state = 'failed', reason = ? WHERE dedup_key = ?",
                reason, dedupKey));
    }

    @Override
    public void markOrphaned(String dedupKey, String correlationId, String reason) {
        // one transaction: an orphaned row whose run stayed pending would be polled by every reconcile pass
        bookkeeping.apply(new BookkeepingWriter.Step("UPDATE lg_inbox SET state = 'orphaned', reason = ?, owner = NULL,"
                + " lease_until = NULL WHERE dedup_key = ?", reason, dedupKey),
                new BookkeepingWriter.Step("DELETE FROM lg_pending_run WHERE correlation_id = ?", correlationId));
    }

    @Override
    public boolean requeue(String dedupKey) {
        return update("UPDATE lg_inbox SET state = 'pending', reason = NULL WHERE dedup_key = ? AND state = 'failed'", dedupKey) == 1;
    }

    @Override
    public InboxRecord find(String dedupKey) {
        List<InboxRecord> records = new ArrayList<>();
        query("SELECT * FROM lg_inbox WHERE dedup_key = ?",
                rs -> records.add(new InboxRecord(inboxEntry(rs), rs.getString("state"), rs.getString("reason"))), dedupKey);
        return records.isEmpty() ? null : records.get(0);
    }

    @Override
    public String state(String dedupKey) {
        String[] state = new String[1];
        query("SELECT state FROM lg_inbox WHERE dedup_key = ?", rs -> state[0] = rs.getString(1), dedupKey);
        return state[0];
    }

    @Override
    public void dropPending(String dedupKey) {
        bookkeeping.apply(new BookkeepingWriter.Step("DELETE FROM lg_inbox WHERE dedup_key = ? AND state IN ('pending', 'claimed')",
                dedupKey));
    }

    @Override
    public boolean claim(String dedupKey, String owner, long leaseUntil, long now) {
        return bookkeeping.apply(new BookkeepingWriter.Step("UPDATE lg_inbox SET state = 'claimed', owner = ?, lease_until = ?"
                + " WHERE dedup_key = ? AND (state = 'pending' OR (state = 'claimed' AND (owner = ? OR lease_until < ?)))",
                owner, leaseUntil, dedupKey, owner, now)) == 1;
    }

    @Override
    public int renewClaims(String owner, long leaseUntil) {
        return update("UPDATE lg_inbox SET lease_until = ? WHERE owner = ? AND state = 'claimed'", leaseUntil, owner);
    }

    @Override
    public void releaseClaim(String dedupKey, String owner) {
        bookkeeping.apply(new BookkeepingWriter.Step("UPDATE lg_inbox SET state = 'pending', owner = NULL, lease_until = NULL"
                + " WHERE dedup_key = ? AND owner = ? AND state = 'claimed'", dedupKey, owner));
    }

    @Override
    public int releaseClaims(String owner) {
        return update("UPDATE lg_inbox SET state = 'pending', owner = NULL, lease_until = NULL WHERE owner = ?"
                + " AND state = 'claimed'", owner);
    }

    @Override
    public void recordUnconfirmed(UnconfirmedClaim claim) {
        // kept for the operator only: written with the next batch, nobody waits for it
        bookkeeping.applyLater(new BookkeepingWriter.Step("INSERT INTO lg_unconfirmed (at, callback, run_id, claimed_status,"
                + " reason, detail) VALUES (?, ?, ?, ?, ?, ?)", claim.at(), claim.callback(), claim.runId(), claim.claimedStatus(),
                claim.reason(), claim.detail()));
        // forgers choose how many claims they post: keep the newest ones only (trimmed every 100th, a flood's cost)
        if (unconfirmedSinceTrim.incrementAndGet() % 100 == 1) {
            bookkeeping.applyLater(new BookkeepingWriter.Step("DELETE FROM lg_unconfirmed WHERE at < (SELECT MIN(at) FROM"
                    + " (SELECT at FROM lg_unconfirmed ORDER BY at DESC LIMIT " + REJECTED_KEPT + ") AS newest)"));
        }
    }

    @Override
    public List<UnconfirmedClaim> unconfirmed(int limit) {
        List<UnconfirmedClaim> claims = new ArrayList<>();
        query("SELECT * FROM lg_unconfirmed ORDER BY at DESC LIMIT " + limit,
                rs -> claims.add(new UnconfirmedClaim(rs.getLong("at"), rs.getString("callback"), rs.getString("run_id"),
                        rs.getString("claimed_status"), rs.getString("reason"), rs.getString("detail"))));
        return claims;
    }

    @Override
    public PendingRun pendingRun(String correlationId) {
        List<PendingRun> runs = new ArrayList<>();
        query("SELECT * FROM lg_pending_run WHERE correlation_id = ?", rs -> runs.add(pendingRun(rs)), correlationId);
        return runs.isEmpty() ? null : runs.get(0);
    }

    @Override
    public List<InboxEntry> unrouted(int limit, long now) {
        List<InboxEntry> entries = new ArrayList<>();
        // two index range reads, each stopping at the limit: with an OR both SQLite and PostgreSQL read and sort every
        // pending row, and under a flood of claims that is the whole backlog, every second
        query("SELECT * FROM (SELECT * FROM lg_inbox WHERE state = 'pending' ORDER BY received_at LIMIT " + limit + ") p"
                + " UNION ALL SELECT * FROM (SELECT * FROM lg_inbox WHERE state = 'claimed' AND lease_until < ?"
                + " ORDER BY received_at LIMIT " + limit + ") c ORDER BY received_at LIMIT " + limit,
                rs -> entries.add(inboxEntry(rs)), now);
        return entries;
    }

    @Override
    public List<InboxRecord> recent(int limit) {
        List<InboxRecord> records = new ArrayList<>();
        query("SELECT * FROM lg_inbox ORDER BY received_at DESC LIMIT " + limit,
                rs -> records.add(new InboxRecord(inboxEntry(rs), rs.getString("state"), rs.getString("reason"))));
        return records;
    }

    @Override
    public List<InboxRecord> failed(int limit) {
        List<InboxRecord> records = new ArrayList<>();
        query("SELECT * FROM lg_inbox WHERE state = 'failed' ORDER BY received_at DESC LIMIT " + limit,
                rs -> records.add(new InboxRecord(inboxEntry(rs), rs.getString("state"), rs.getString("reason"))));
        return records;
    }

    @Override
    public java.util.Map<String, Integer> countByState() {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        query("SELECT state, COUNT(*) FROM lg_inbox GROUP BY state", rs -> counts.put(rs.getString(1), rs.getInt(2)));
        return counts;
    }

    @Override
    public InboxRecord latest(String callback) {
        List<InboxRecord> records = new ArrayList<>();
        query("SELECT * FROM lg_inbox WHERE callback = ? ORDER BY received_at DESC LIMIT 1",
                rs -> records.add(new InboxRecord(inboxEntry(rs), rs.getString("state"), rs.getString("reason"))), callback);
        return records.isEmpty() ? null : records.get(0);
    }

    @Override
    public List<InboxRecord> outcomesOf(String runId) {
        List<InboxRecord> records = new ArrayList<>();
        // the dedup key is "<run id>:<correlation id>": a range on the primary key, and no LIKE escaping of the run id
        query("SELECT * FROM lg_inbox WHERE dedup_key > ? AND dedup_key < ? ORDER BY received_at DESC",
                rs -> records.add(new InboxRecord(inboxEntry(rs), rs.getString("state"), rs.getString("reason"))),
                runId + ":", runId + ";");
        return records;
    }

    @Override
    public void addPendingRun(PendingRun r) {
        update("INSERT INTO lg_pending_run (correlation_id, run_id, thread_id, callback, created_at, assistant_id)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (correlation_id) DO NOTHING",
                r.correlationId(), r.runId(), r.threadId(), r.callback(), r.createdAt(), r.assistantId());
    }

    @Override
    public boolean pendingRunCreated(String correlationId, String runId, String threadId, String assistantId) {
        return update("UPDATE lg_pending_run SET run_id = ?, thread_id = ?, assistant_id = ? WHERE correlation_id = ?",
                runId, threadId, assistantId, correlationId) == 1;
    }

    @Override
    public void removePendingRun(String correlationId) {
        update("DELETE FROM lg_pending_run WHERE correlation_id = ?", correlationId);
    }

    @Override
    public List<PendingRun> pendingRunsOlderThan(long createdBefore, int limit) {
        List<PendingRun> runs = new ArrayList<>();
        query("SELECT * FROM lg_pending_run WHERE created_at < " + createdBefore + " ORDER BY created_at LIMIT " + limit,
                rs -> runs.add(pendingRun(rs)));
        return runs;
    }

    @Override
    public int countPendingRuns() {
        int[] count = new int[1];
        query("SELECT COUNT(*) FROM lg_pending_run", rs -> count[0] = rs.getInt(1));
        return count[0];
    }

    @Override
    public void recordRejected(String callback, int status, String reason, String body) {
        String kept = body == null ? null : body.length() > REJECTED_BODY_MAX ? body.substring(0, REJECTED_BODY_MAX) : body;
        // batched with the bookkeeping, off the claims' path; a flood of garbage must not fill the disk: newest kept only
        bookkeeping.apply(new BookkeepingWriter.Step("INSERT INTO lg_rejected (received_at, callback, status, reason, body)"
                + " VALUES (?, ?, ?, ?, ?)", System.currentTimeMillis(), callback, status, reason, kept),
                new BookkeepingWriter.Step("DELETE FROM lg_rejected WHERE received_at < (SELECT MIN(received_at) FROM"
                + " (SELECT received_at FROM lg_rejected ORDER BY received_at DESC LIMIT " + REJECTED_KEPT + ") AS newest)"));
    }

    @Override
    public List<RejectedRecord> rejected(int limit) {
        List<RejectedRecord> records = new ArrayList<>();
        query("SELECT * FROM lg_rejected ORDER BY received_at DESC LIMIT " + limit,
                rs -> records.add(new RejectedRecord(rs.getLong("received_at"), rs.getString("callback"), rs.getInt("status"),
                        rs.getString("reason"), rs.getString("body"))));
        return records;
    }

    @Override
    public int pruneSettled(long before, int limit) {
        // a batch at a time (Retention): one short statement that finds its rows by the (state, received_at) index
        return update("DELETE FROM lg_inbox WHERE dedup_key IN (SELECT dedup_key FROM lg_inbox WHERE state IN ('routed',"
                + " 'orphaned') AND received_at < ? LIMIT " + limit + ")", before);
    }

    @Override
    public List<TableSizes.TableSize> tableSizes() {
        return TableSizes.of(readSource, TABLES);
    }

    @Override
    public void close() {
        writer.close();
        bookkeeping.close();
        if (checkpointer != null) {
            checkpointer.close();
        }
        if (readSource != dataSource) {
            readSource.close();
        }
        dataSource.close();
    }

    private static PendingRun pendingRun(ResultSet rs) throws SQLException {
        return new PendingRun(rs.getString("correlation_id"), rs.getString("run_id"), rs.getString("thread_id"),
                rs.getString("callback"), rs.getLong("created_at"), rs.getString("assistant_id"));
    }

    private static InboxEntry inboxEntry(ResultSet rs) throws SQLException {
        return new InboxEntry(rs.getString("dedup_key"), rs.getString("callback"), rs.getString("correlation_id"),
                rs.getString("source"), rs.getString("body"), rs.getLong("received_at"));
    }

    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowHandler handler, Object... args) {
        JdbcStatements.query(readSource, "callback store", sql, rs -> {
            handler.handle(rs);
            return Boolean.TRUE;
        }, args);
    }

    private int update(String sql, Object... args) {
        return JdbcStatements.update(dataSource, "callback store", sql, args);
    }
}
