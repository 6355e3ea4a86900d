import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.component.StoreRetention;
import io.camellanggraph.store.Retention;

/**
 * A year of work in compressed time (bench/year-soak.sh, issue 31) on one database (SQLite files in a directory, or a
 * PostgreSQL database), through the app's own store classes ({@link SoakStores}) with the component's retention rules
 * and defaults on a simulated clock. Measures the latency of a tick, a claim, a decision and the background passes at
 * the start; pushes a year through (525,600 ticks of a per-minute schedule, 1,000,000 outcomes, 10,000 decisions,
 * 100,000 bridge requests, row timestamps and the retention's clock following the simulated time), then one more day;
 * then measures again, interleaved with a fresh store of the same kind at the same moment (the machine is shared: the
 * fresh store shows what the load of the moment does to the latencies, the aged one what the year did). Prints rows
 * per table at the start, at the peak and at the end, the store's size, and the latencies.
 *
 *   java -cp <classes>:target/classes:target/lib/* YearSoak sqlite=<dir> | postgres=<jdbc url> body=<run json>
 *        [days=365] [outcomes=1000000] [decisions=10000] [bridge=100000] [threads=8] [ops=2000] [warmup=2000]
 */
public final class YearSoak {

    static final long MINUTE = SoakStores.MINUTE;
    static final long DAY = 24 * 60 * MINUTE;
    /** BridgeRequestExpiry.BATCH and BATCHES_PER_PASS: one expiry pass of the bridge's requests. */
    static final int BRIDGE_BATCH = 500;
    static final int BRIDGE_BATCHES = 20;

    final Map<String, String> args;
    final String body;
    final SoakStores aged;
    final Retention retention;
    final LangGraphComponent defaults = new LangGraphComponent();
    final AtomicLong clock = new AtomicLong();
    final AtomicLong serial = new AtomicLong();
    /** Time the ticks' thread waited for the pool at the end of the days: the pool's work is the longer one when large. */
    long poolWait;

    YearSoak(Map<String, String> args) throws Exception {
        this.args = args;
        this.body = Files.readString(Path.of(args.get("body")));
        aged = args.containsKey("sqlite") ? new SoakStores(Path.of(args.get("sqlite")), null, body)
                : new SoakStores(null, args.get("postgres"), body);
        retention = StoreRetention.of(aged.store, defaults.getDedupWindow(), defaults.getRetention(), clock::get);
        System.out.printf("defaults: dedupWindow %d d, retention %d d, bridge request window %d h; retention pass every %d simulated"
                + " minutes (the component's), the bridge's expiry with it%n", defaults.getDedupWindow() / DAY,
                defaults.getRetention() / DAY, aged.bridgeWindow / 3_600_000, StoreRetention.PRUNE_MINUTES);
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : argv) {
            args.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        new YearSoak(args).run();
        System.exit(0);
    }

    int arg(String name, int fallback) {
        return args.containsKey(name) ? Integer.parseInt(args.get(name)) : fallback;
    }

    void run() throws Exception {
        int days = arg("days", 365);
        int ops = arg("ops", 2000);
        int warmup = arg("warmup", 2000);
        long t0 = System.currentTimeMillis() / MINUTE * MINUTE;
        aged.ticks.declare(SoakStores.SCHEDULE, t0);
        Sizes sizes = new Sizes(aged);

        long at = measure(t0, warmup, List.of(aged), null);
        Latencies start = new Latencies();
        at = measure(at, ops, List.of(aged), List.of(start));
        sizes.sample(0);

        long began = System.nanoTime();
        long yearStart = at / DAY * DAY + DAY;
        Counts year = new Counts(arg("outcomes", 1_000_000), arg("decisions", 10_000), arg("bridge", 100_000));
        ExecutorService pool = Executors.newFixedThreadPool(arg("threads", 8));
        for (int d = 0; d <= days; d++) {
            // day `days` is the one more day of normal work, at the year's daily rate
            day(pool, yearStart + d * DAY, year.share(Math.min(d, days - 1), days));
            aged.autovacuum();
            sizes.sample(d + 1);
            if ((d + 1) % 30 == 0 || d == days) {
                System.out.printf("  simulated day %d done, %.0f s real%n", d + 1, (System.nanoTime() - began) / 1e9);
            }
        }
        pool.shutdown();
        double yearSeconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("%nyear + one day pushed through in %.0f s real (%d days: %,d ticks, %,d outcomes, %,d decisions, %,d bridge"
                + " requests; then the day's share); the ticks' thread waited %.0f s of it for the pool%n", yearSeconds, days,
                days * 1440, year.outcomes, year.decisions, year.bridge, poolWait / 1e9);
        sizes.print(days, year, defaults);

        SoakStores fresh = fresh();
        fresh.ticks.declare(SoakStores.SCHEDULE, t0);
        at = yearStart + (days + 1) * DAY;
        at = measure(at, warmup, List.of(aged, fresh), null);
        Latencies end = new Latencies();
        Latencies beside = new Latencies();
        measure(at, ops, List.of(aged, fresh), List.of(end, beside));
        Latencies.print(start, end, beside);
    }

    /** A store of the same kind, empty: a directory beside the aged one, or a database beside it in the same server. */
    SoakStores fresh() throws Exception {
        if (aged.sqliteDir != null) {
            return new SoakStores(aged.sqliteDir.resolveSibling(aged.sqliteDir.getFileName() + "-fresh"), null, body);
        }
        try (Connection c = aged.store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE langgraph_fresh");
        }
        String url = args.get("postgres");
        return new SoakStores(null, url.substring(0, url.lastIndexOf('/') + 1) + "langgraph_fresh", body);
    }

    /**
     * n iterations, one simulated minute each: on each store (in turn, the order alternating), a tick, a claim, a decision,
     * the passes and a bare insert, each timed into that store's latencies (none: a warm-up); SQLite's logs emptied every
     * 100 iterations ({@link SoakStores#checkpoint}). Returns the next minute.
     */
    long measure(long at, int n, List<SoakStores> stores, List<Latencies> into) throws Exception {
        for (int i = 0; i < n; i++, at += MINUTE) {
            clock.set(at);
            if (i % 100 == 0) {
                // untimed: without it each store's log grows by ~200 MB per 1,000 iterations, and every page read then
                // searches a longer log index, at the start as at the end
                for (SoakStores s : stores) {
                    s.checkpoint();
                }
            }
            for (int k = 0; k < stores.size(); k++) {
                int which = (i + k) % stores.size();
                SoakStores s = stores.get(which);
                long run = serial.incrementAndGet();
                s.startRun(run, at);
                long a = System.nanoTime();
                s.tick(at);
                long b = System.nanoTime();
                s.claim(run, at);
                long c = System.nanoTime();
                s.decision(serial.incrementAndGet(), at);
                long d = System.nanoTime();
                s.passes(at);
                long e = System.nanoTime();
                s.bareInsert(serial.incrementAndGet());
                long f = System.nanoTime();
                if (into != null) {
                    into.get(which).add(b - a, c - b, d - c, e - d, f - e);
                }
            }
        }
        return at;
    }

    /** Retention's pass (the component's rules) and the bridge's expiry pass, on the simulated clock. */
    void prunePass(long now) {
        clock.set(now);
        retention.prune();
        for (int i = 0; i < BRIDGE_BATCHES && aged.bridge.prune(now - aged.bridgeWindow, BRIDGE_BATCH) == BRIDGE_BATCH; i++) {
            // a full batch: there may be more
        }
    }

    /** One simulated day: its outcomes, decisions and bridge requests on the pool, its 1,440 ticks and the passes here. */
    void day(ExecutorService pool, long dayStart, Counts day) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < day.outcomes; i++) {
            long at = dayStart + i * DAY / day.outcomes;
            long n = serial.incrementAndGet();
            done.add(pool.submit(() -> {
                aged.startRun(n, at);
                aged.claim(n, at);
            }));
        }
        for (int i = 0; i < day.decisions; i++) {
            long at = dayStart + i * DAY / day.decisions;
            long n = serial.incrementAndGet();
            done.add(pool.submit(() -> aged.decision(n, at)));
        }
        for (int i = 0; i < day.bridge; i++) {
            long at = dayStart + i * DAY / day.bridge;
            long n = serial.incrementAndGet();
            done.add(pool.submit(() -> aged.bridgeRequest(n, at)));
        }
        for (int m = 0; m < 1440; m++) {
            long at = dayStart + m * MINUTE;
            aged.tickWrites(at);
            if ((m + 1) % StoreRetention.PRUNE_MINUTES == 0) {
                prunePass(at);
            }
        }
        long waited = System.nanoTime();
        for (Future<?> f : done) {
            f.get();
        }
        poolWait += System.nanoTime() - waited;
    }

    /** A year's totals, and a day's share of them. */
    record Counts(int outcomes, int decisions, int bridge) {
        Counts share(int day, int days) {
            return new Counts(part(outcomes, day, days), part(decisions, day, days), part(bridge, day, days));
        }

        private static int part(int total, int day, int days) {
            return (int) ((long) total * (day + 1) / days - (long) total * day / days);
        }
    }

    /** Size on disk and rows per table, sampled at the start and after each simulated day. */
    static final class Sizes {
        final SoakStores stores;
        final Map<Integer, Map<String, Long>> rows = new LinkedHashMap<>();
        final Map<Integer, Long> bytes = new LinkedHashMap<>();

        Sizes(SoakStores stores) {
            this.stores = stores;
        }

        void sample(int day) throws Exception {
            rows.put(day, stores.rows());
            bytes.put(day, stores.bytes());
        }

        void print(int days, Counts year, LangGraphComponent defaults) {
            // what the retention keeps at the year's daily rates: the rows of the last window
            Map<String, Long> kept = Map.of("lg_inbox", (long) year.outcomes * defaults.getDedupWindow() / DAY / days,
                    "lg_decision", (long) year.decisions * defaults.getRetention() / DAY / days,
                    "lg_awaiting", (long) year.decisions * defaults.getRetention() / DAY / days,
                    "lg_schedule_tick", 1440L * defaults.getRetention() / DAY,
                    "lg_bridge_request", (long) year.bridge * stores.bridgeWindow / DAY / days);
            Map<String, Long> end = rows.get(days + 1);
            System.out.printf("%n%-24s %10s %10s %10s %16s%n", "rows per table", "start", "peak", "end", "window x rate");
            for (String table : end.keySet()) {
                long peak = rows.values().stream().mapToLong(r -> r.getOrDefault(table, 0L)).max().orElse(0);
                System.out.printf("%-24s %,10d %,10d %,10d %16s%n", table, rows.get(0).getOrDefault(table, 0L), peak, end.get(table),
                        kept.containsKey(table) ? String.format("%,d", kept.get(table)) : "");
            }
            int full = Math.min(31, days + 1);
            int peakDay = bytes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            long last = bytes.get(days + 1);
            System.out.printf("%nstore size (%s): start %s, day %d (the longest keep full) %s, day %d %s, peak %s (day %d), end %s;"
                    + " end / day %d = %.2f (goal <= 1.20: %s)%n", stores.sqliteDir != null ? "the two SQLite database files" : "pg_database_size",
                    mb(bytes.get(0)), full, mb(bytes.get(full)), (days + 1) / 2, mb(bytes.get((days + 1) / 2)), mb(bytes.get(peakDay)),
                    peakDay, mb(last), full, (double) last / bytes.get(full), last <= 1.2 * bytes.get(full) ? "met" : "MISSED");
            if (stores.sqliteDir != null) {
                System.out.printf("SQLite write-ahead log at its largest (before a daily sample's checkpoint): %s%n", mb(stores.walPeak));
            }
        }

        static String mb(long bytes) {
            return String.format("%.1f MB", bytes / 1048576.0);
        }
    }

    /** Nanoseconds per operation, per kind. */
    static final class Latencies {
        static final String[] KINDS = {"tick", "claim", "decision", "background passes", "bare INSERT (ceiling)"};
        final List<long[]> samples = new ArrayList<>();

        void add(long... nanos) {
            samples.add(nanos);
        }

        double percentile(int kind, double p) {
            long[] v = samples.stream().mapToLong(s -> s[kind]).sorted().toArray();
            return v[Math.min(v.length - 1, (int) Math.ceil(p * v.length) - 1)] / 1e6;
        }

        static void print(Latencies start, Latencies end, Latencies fresh) {
            System.out.printf("%n%-28s %8s %8s %8s %8s %8s  %s%n", "ms (" + start.samples.size() + " ops each)", "start", "end",
                    "vs start", "fresh", "vs fresh", "goal: within 20 %");
            for (int k = 0; k < KINDS.length; k++) {
                for (double p : new double[] {0.5, 0.99}) {
                    double s = start.percentile(k, p);
                    double e = end.percentile(k, p);
                    double f = fresh.percentile(k, p);
                    double vsStart = (e - s) / s * 100;
                    double vsFresh = (e - f) / f * 100;
                    System.out.printf("%-28s %8.3f %8.3f %+7.1f%% %8.3f %+7.1f%%  %s%n", KINDS[k] + (p == 0.5 ? " p50" : " p99"), s, e,
                            vsStart, f, vsFresh, k == KINDS.length - 1 ? "(ceiling)"
                                    : "vs start " + (vsStart <= 20 ? "met" : "MISSED") + ", vs fresh " + (vsFresh <= 20 ? "met" : "MISSED"));
                }
            }
        }
    }
}
