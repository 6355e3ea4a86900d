package io.camellanggraph.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.camellanggraph.testsupport.PostgresServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedule tables on both databases (embedded SQLite, a real PostgreSQL): a tick is recorded once however many
 * instances race for it, fates move only from the state they are in, pauses and failure streaks are shared through the
 * store and survive reopening it.
 */
class ScheduleStoreTest {

    @TempDir
    Path dir;

    private JdbcCallbackStore open(String database) {
        if (database.equals("sqlite")) {
            return JdbcCallbackStore.open("jdbc:sqlite:" + dir.resolve("store.db"), null, null);
        }
        PostgresServer postgres = PostgresServer.shared();
        return JdbcCallbackStore.open(postgres.newDatabase("schedules"), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aTickIsRecordedOnceWhenInstancesRaceForIt(String database) throws Exception {
        try (JdbcCallbackStore callbacks = open(database)) {
            ScheduleStore first = new ScheduleStore(callbacks.dataSource());
            // a second instance on the same database: its own ScheduleStore, same tables
            ScheduleStore second = new ScheduleStore(callbacks.dataSource());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                ScheduleStore store = i % 2 == 0 ? first : second;
                long tick = 60_000L * (i % 20);
                attempts.add(() -> store.record("nightly", tick, TickFate.FIRED, null, 1));
            }
            int recorded = 0;
            for (Future<Boolean> result : pool.invokeAll(attempts)) {
                recorded += result.get() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(recorded).isEqualTo(20);
            assertThat(first.last("nightly", 100)).hasSize(20).allSatisfy(t -> assertThat(t.fate()).isEqualTo(TickFate.FIRED));
            assertThat(first.lastScheduled("nightly", Long.MAX_VALUE)).isEqualTo(60_000L * 19);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void fatesRunsAndEndsOfTicksAreKeptPerScheduledTime(String database) {
        try (JdbcCallbackStore callbacks = open(database)) {
            ScheduleStore store = new ScheduleStore(callbacks.dataSource());
            store.record("s", 1000, TickFate.FIRED, null, 1);
            store.record("s", 2000, TickFate.BUFFERED, "run r1 still running", 2);
            store.record("s", 3000, TickFate.MANUAL, "with another input", 3);
            // fired, no run yet: in flight while recent
            assertThat(store.unended("s", 0)).extracting(ScheduleTick::scheduledAt).containsExactly(1000L, 3000L);
            assertThat(store.unended("s", 5)).isEmpty();
            store.attachRun("s", 1000, "r1", "t1");
            assertThat(store.unended("s", 5)).extracting(ScheduleTick::runId).containsExactly("r1");
            assertThat(store.inFate("s", TickFate.BUFFERED)).extracting(ScheduleTick::scheduledAt).containsExactly(2000L);
            // a fate moves only from the one it is in: of two instances releasing a buffered tick, one does
            assertThat(store.changeFate("s", 2000, TickFate.BUFFERED, TickFate.FIRED, "released", 4)).isTrue();
            assertThat(store.changeFate("s", 2000, TickFate.BUFFERED, TickFate.FIRED, "released", 4)).isFalse();
            store.ended("s", 1000);
            assertThat(store.unended("s", 5)).isEmpty();
            // run-now ticks do not count as the schedule's last tick (catch-up starts from the regular ones)
            assertThat(store.lastScheduled("s", Long.MAX_VALUE)).isEqualTo(2000);
            assertThat(store.last("s", 2)).extracting(ScheduleTick::fate).containsExactly(TickFate.MANUAL, TickFate.FIRED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aTableOfAnEarlierVersionGetsTheDueTimeColumnAndEveryFateKeepsItsStoredValue(String database) throws Exception {
        try (JdbcCallbackStore callbacks = open(database)) {
            try (java.sql.Connection c = callbacks.dataSource().getConnection(); java.sql.Statement s = c.createStatement()) {
                // the table as the version before waiting ticks created it, with a row of that version
                s.execute("CREATE TABLE lg_schedule_tick (schedule VARCHAR(200) NOT NULL, scheduled_at BIGINT NOT NULL,"
                        + " fate VARCHAR(16) NOT NULL, recorded_at BIGINT NOT NULL, run_id VARCHAR(80), thread_id VARCHAR(80),"
                        + " ended INT NOT NULL DEFAULT 0, detail TEXT, PRIMARY KEY (schedule, scheduled_at))");
                s.execute("INSERT INTO lg_schedule_tick (schedule, scheduled_at, fate, recorded_at) VALUES ('old', 1, 'caught-up', 1)");
            }
            ScheduleStore store = new ScheduleStore(callbacks.dataSource());
            assertThat(store.last("old", 1)).singleElement().satisfies(t -> {
                assertThat(t.fate()).isEqualTo(TickFate.CAUGHT_UP);
                assertThat(t.dueAt()).isZero();
            });
            long at = 10;
            for (TickFate fate : TickFate.values()) {
                store.record("s", at++, fate, null, 1, fate == TickFate.WAITING ? 5000 : 0);
            }
            assertThat(store.inFate("s", TickFate.WAITING)).singleElement().satisfies(t -> assertThat(t.dueAt()).isEqualTo(5000));
            List<String> stored = new ArrayList<>();
            try (java.sql.Connection c = callbacks.dataSource().getConnection(); java.sql.Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT fate FROM lg_schedule_tick WHERE schedule = 's' ORDER BY scheduled_at")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            // the values rows of every version carry, and the page, header and metric show
            assertThat(stored).containsExactly("fired", "skipped", "missed", "caught-up", "failed", "manual", "buffered", "waiting");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void pauseWithANoteAndFailureStreaksAreSharedAndDurable(String database) {
        String url;
        try (JdbcCallbackStore callbacks = open(database)) {
            url = callbacks.dataSource() instanceof com.zaxxer.hikari.HikariDataSource h ? h.getJdbcUrl() : null;
            ScheduleStore store = new ScheduleStore(callbacks.dataSource());
            store.declare("s", 100);
            store.declare("s", 200);
            assertThat(store.state("s").declaredAt()).as("declared once").isEqualTo(100);
            assertThat(store.pause("unknown", true, "x", 1)).isFalse();
            assertThat(store.pause("s", true, "maintenance of the ERP", 300)).isTrue();
            assertThat(store.failureStreak("s", true)).isEqualTo(1);
            assertThat(store.failureStreak("s", true)).isEqualTo(2);
        }
        try (JdbcCallbackStore reopened = JdbcCallbackStore.open(url, PostgresServer.USER, PostgresServer.PASSWORD)) {
            ScheduleStore store = new ScheduleStore(reopened.dataSource());
            ScheduleState state = store.state("s");
            assertThat(state.paused()).isTrue();
            assertThat(state.note()).isEqualTo("maintenance of the ERP");
            assertThat(state.failureStreak()).isEqualTo(2);
            store.pause("s", false, null, 400);
            assertThat(store.state("s").paused()).isFalse();
            assertThat(store.state("s").failureStreak()).as("a resume starts counting again").isZero();
            assertThat(store.failureStreak("s", false)).isZero();
        }
    }
}
