import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camellanggraph.app.bridge.BridgeRequestStore;
import io.camellanggraph.app.bridge.BridgeRequests;
import io.camellanggraph.app.outputs.OutputsRepositories;
import io.camellanggraph.store.AwaitingInterrupt;
import io.camellanggraph.store.AwaitingStore;
import io.camellanggraph.store.Decision;
import io.camellanggraph.store.DecisionStore;
import io.camellanggraph.store.ExpiryAction;
import io.camellanggraph.store.InboxEntry;
import io.camellanggraph.store.JdbcCallbackStore;
import io.camellanggraph.store.PendingRun;
import io.camellanggraph.store.ScheduleStore;
import io.camellanggraph.store.ScheduleTick;
import io.camellanggraph.store.TableSizes;
import io.camellanggraph.store.TickFate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One database's stores, opened as the app opens them (the callback store and the stores sharing its pool; the outputs'
 * database through {@link OutputsRepositories#bind}), and the store calls each kind of work makes (bench/year-soak.sh,
 * {@link YearSoak}). Every call takes its time from the caller: the soak's clock is simulated.
 */
final class SoakStores {

    static final long MINUTE = 60_000;
    /** ScheduleOverlap.IN_FLIGHT_MILLIS: a fired tick without a run counts as running this long. */
    static final long IN_FLIGHT = 5 * MINUTE;
    static final long LEASE = 30_000;
    static final String SCHEDULE = "every-minute";
    static final String OWNER = "soak-instance";
    static final List<String> DATABASES = List.of("langgraph-callbacks.db", "outputs.db");

    final Path sqliteDir;
    final JdbcCallbackStore store;
    final ScheduleStore ticks;
    final DecisionStore decisions;
    final AwaitingStore awaiting;
    final BridgeRequestStore bridge;
    final OutputsRepositories outputs;
    final long bridgeWindow;
    private final String body;
    /** The largest write-ahead log seen before the checkpoint of {@link #bytes} (SQLite). */
    long walPeak;

    /** SQLite: the app's two files in {@code sqliteDir}; PostgreSQL: both stores in the database of {@code url}. */
    SoakStores(Path sqliteDir, String url, String body) throws Exception {
        this.sqliteDir = sqliteDir;
        this.body = body;
        DefaultCamelContext context = new DefaultCamelContext();
        if (sqliteDir != null) {
            Files.createDirectories(sqliteDir);
            url = "jdbc:sqlite:" + sqliteDir.resolve("langgraph-callbacks.db");
            context.getPropertiesComponent().addInitialProperty("outputs.store.url", "jdbc:sqlite:" + sqliteDir.resolve("outputs.db"));
        } else {
            context.getPropertiesComponent().addInitialProperty("outputs.store.url", url);
            context.getPropertiesComponent().addInitialProperty("outputs.store.user", "langgraph");
            context.getPropertiesComponent().addInitialProperty("outputs.store.password", "langgraph");
        }
        store = JdbcCallbackStore.open(url, "langgraph", "langgraph");
        ticks = new ScheduleStore(store.dataSource());
        decisions = new DecisionStore(store.dataSource());
        awaiting = new AwaitingStore(store.dataSource());
        // the context is never started: the outputs' own expiry and pruning (on the real clock) never run, the soak runs
        // them on its simulated clock
        outputs = OutputsRepositories.bind(context);
        BridgeRequests requests = context.getRegistry().lookupByNameAndType(OutputsRepositories.BRIDGE_REQUESTS, BridgeRequests.class);
        bridge = requests.store();
        bridgeWindow = requests.windowMillis();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS soak_ceiling (id BIGINT PRIMARY KEY, v BIGINT)");
        }
    }

    /**
     * What a tick of a per-minute schedule with the default overlap (skip) costs the store: ScheduleTicks.decide (recorded?,
     * paused?, the overlap's runs still running, whose run the server says ended, the insert-once record), then
     * Schedules.tickEnded once its run request returned (run attached, failure streak reset).
     */
    void tick(long at) {
        if (ticks.recorded(SCHEDULE, at)) {
            throw new IllegalStateException("tick recorded twice: " + at);
        }
        ticks.state(SCHEDULE);
        for (ScheduleTick running : ticks.unended(SCHEDULE, at - IN_FLIGHT)) {
            if (running.runId() != null) {
                ticks.ended(SCHEDULE, running.scheduledAt());
            }
        }
        ticks.record(SCHEDULE, at, TickFate.FIRED, null, at);
        ticks.attachRun(SCHEDULE, at, "run-tick-" + at, "thread-tick-" + at);
        ticks.failureStreak(SCHEDULE, false);
    }

    /**
     * A tick's writes only, as the year's ticks make them: the same rows as {@link #tick} (the previous tick's run ended,
     * this one recorded fired with its run), without its reads, which change no row and would triple the year's time.
     */
    void tickWrites(long at) {
        ticks.ended(SCHEDULE, at - MINUTE);
        ticks.record(SCHEDULE, at, TickFate.FIRED, null, at);
        ticks.attachRun(SCHEDULE, at, "run-tick-" + at, "thread-tick-" + at);
    }

    /** The run's pending row (not timed), then the outcome's path as ClaimIntake and ClaimPipeline take it. */
    void startRun(long n, long at) {
        store.addPendingRun(new PendingRun("cid-" + n, "run-" + n, "thread-" + n, "soak", at - MINUTE, "agent"));
    }

    void claim(long n, long at) {
        String cid = "cid-" + n;
        String key = "run-" + n + ":" + cid;
        if (!store.record(new InboxEntry(key, "soak", cid, "webhook", body, at))) {
            throw new IllegalStateException("outcome recorded twice: " + key);
        }
        store.claim(key, OWNER, at + LEASE, at);
        store.pendingRun(cid);
        store.markRouted(key, cid, body);
    }

    /** An interrupt routed as awaiting input (ResumeReceiverBinding), then answered (InterruptResumer.answer). */
    void decision(long n, long at) {
        String thread = "thread-d" + n;
        String interrupt = "interrupt-" + n;
        awaiting.add(new AwaitingInterrupt(thread, interrupt, "soak", "run-d" + n, "{\"question\":\"approve?\"}", at, 0,
                ExpiryAction.ROUTE, null, AwaitingInterrupt.WAITING));
        awaiting.supersede(thread, List.of(interrupt));
        decisions.find(thread, interrupt);
        awaiting.find(thread, interrupt);
        Decision d = new Decision(thread, interrupt, "soak", "{\"approved\":true}", "resume-url", at, "cid-d" + n, Decision.STARTING, null, null);
        if (!decisions.record(d, OWNER, at + LEASE)) {
            throw new IllegalStateException("decision recorded twice: " + d.key());
        }
        awaiting.close(d.key(), AwaitingInterrupt.ANSWERED);
        decisions.markStarted(d.key(), "run-resume-" + n);
    }

    /** The queries of the passes that run every few seconds whatever the load: rescan, reconcile, expiry, recovery. */
    void passes(long at) {
        store.unrouted(100, at);
        store.pendingRunsOlderThan(at - 300_000, 200);
        awaiting.due(at, 100);
        decisions.abandoned(at, 100);
    }

    /** A request through the request-reply bridge: admitted, its run started, its reply kept and marked sent. */
    void bridgeRequest(long n, long at) {
        String id = BridgeRequests.requestId("jms", "queue://soak.replies", "msg-" + n);
        bridge.admit(id, "jms", "queue://soak.replies", "msg-" + n, OWNER, at, at - bridgeWindow);
        bridge.runStarted(id, "run-b" + n);
        bridge.keepReply(id, body, "{}");
        bridge.markReplied(id, "run-b" + n, body, "{}");
    }

    /** The ceiling: one row, one statement, one commit, through the same pool. */
    void bareInsert(long n) throws Exception {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO soak_ceiling (id, v) VALUES (" + n + ", " + n + ")");
        }
    }

    /**
     * PostgreSQL: what autovacuum does on the real clock (a look every minute: a table whose rows changed by a fifth is
     * vacuumed, by a tenth analyzed), done once a simulated day, as it cannot keep pace with a year pressed into minutes:
     * at these rates the inbox crosses its thresholds a few times a day. Without it the planner has no statistics for
     * tables that grew from empty, and dead rows are never reused. SQLite: nothing (no statistics, free pages reused).
     */
    void autovacuum() throws Exception {
        if (sqliteDir != null) {
            return;
        }
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : rows().keySet()) {
                s.execute("VACUUM (ANALYZE) " + table);
            }
        }
    }

    /** Rows per table of both databases. */
    Map<String, Long> rows() {
        List<TableSizes.TableSize> tables = new ArrayList<>(store.tableSizes());
        tables.addAll(outputs.tableSizes());
        Map<String, Long> rows = new LinkedHashMap<>();
        tables.forEach(t -> rows.put(t.table(), t.rows()));
        return rows;
    }

    /**
     * SQLite: what the idle moments of real time let the app's checkpoints do, and a year pressed into minutes has none of:
     * the write-ahead logs moved into the database files and emptied (the log's largest size kept in {@link #walPeak}).
     * Else nothing.
     */
    void checkpoint() throws Exception {
        if (sqliteDir == null) {
            return;
        }
        for (String db : DATABASES) {
            Path wal = sqliteDir.resolve(db + "-wal");
            walPeak = Math.max(walPeak, Files.exists(wal) ? Files.size(wal) : 0);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqliteDir.resolve(db)); Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
    }

    /**
     * The databases' size on disk. SQLite: the two database files, after a checkpoint that moves the write-ahead log into
     * them and empties it. At a year's real rate the app's once-a-second checkpoints keep the log small; pressed into
     * minutes, with no idle moment in which a checkpoint catches up, each simulated day leaves hundreds of MB in it:
     * that says how fast time runs here, not what the retention keeps. Its largest size is kept apart ({@link #walPeak}).
     */
    long bytes() throws Exception {
        if (sqliteDir != null) {
            long total = 0;
            checkpoint();
            for (String db : DATABASES) {
                total += Files.size(sqliteDir.resolve(db));
            }
            return total;
        }
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
