package io.camellanggraph.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.camellanggraph.component.StoreRetention;
import io.camellanggraph.testsupport.BothDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention on both databases the project supports: a pass deletes the rows that are settled and older than their
 * keep (routed and orphaned outcomes past the de-duplication window; finished decisions, closed interrupts, settled
 * ticks past the retention; the bridge's requests expire with their own window, BridgeRequestsAreRecordedAndAnsweredOnceTest) and keeps everything young or unfinished; and while another
 * instance holds the pass's lease, a pass does nothing.
 */
class RetentionPrunesOldRowsAndKeepsYoungOnesTest {

    private static final long DAY = 24 * 3600 * 1000L;
    private static final long DEDUP_WINDOW = 7 * DAY;
    private static final long RETENTION = 30 * DAY;

    static Stream<String> databases() {
        return BothDatabases.urls("retention");
    }

    private static JdbcCallbackStore open(String url) {
        return BothDatabases.open(url);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aPassDeletesOldSettledRowsOfEveryTableAndKeepsYoungAndUnfinishedOnes(String url) throws Exception {
        long now = System.currentTimeMillis();
        long old = now - 40 * DAY;
        long young = now - DAY;
        try (JdbcCallbackStore store = open(url)) {
            // inbox: settled outcomes go after the de-duplication window; failed and pending ones stay
            store.record(entry("old-routed", old));
            store.record(entry("old-orphaned", old));
            store.record(entry("old-failed", old));
            store.record(entry("old-pending", old));
            store.record(entry("young-routed", young));
            store.markRouted("old-routed", null, null);
            store.markOrphaned("old-orphaned", "cid-old-orphaned", "nobody waits");
            store.markFailed("old-failed", "route failed");
            store.markRouted("young-routed", null, null);

            DecisionStore decisions = new DecisionStore(store.dataSource());
            decisions.record(decision("old-started", old), "a", old);
            decisions.markStarted("t:old-started", "run-1");
            decisions.cancel(new Decision("t", "old-cancelled", "cb", "null", "expiry", old, "c", Decision.CANCELLED, null, null));
            decisions.record(decision("old-starting", old), "dead", old);
            decisions.record(decision("young-started", young), "a", young);
            decisions.markStarted("t:young-started", "run-2");

            AwaitingStore awaiting = new AwaitingStore(store.dataSource());
            awaiting.add(interrupt("old-answered", old));
            awaiting.close("t:old-answered", AwaitingInterrupt.ANSWERED);
            awaiting.add(interrupt("old-waiting", old));
            awaiting.add(interrupt("young-expired", young));
            awaiting.close("t:young-expired", AwaitingInterrupt.EXPIRED);

            ScheduleStore ticks = new ScheduleStore(store.dataSource());
            ticks.record("s", old, TickFate.SKIPPED, "overlap", old);
            ticks.record("s", old + 1, TickFate.FIRED, null, old);
            ticks.attachRun("s", old + 1, "run-ended", "t");
            ticks.ended("s", old + 1);
            ticks.record("s", old + 2, TickFate.FIRED, null, old);
            ticks.attachRun("s", old + 2, "run-still-running", "t");
            ticks.record("s", old + 3, TickFate.BUFFERED, "waiting", old);
            ticks.record("s", young, TickFate.MISSED, null, young);
            // a schedule with old ticks only: its newest stays, catch-up starts from it
            ticks.record("quiet", old, TickFate.MISSED, null, old);
            ticks.record("quiet", old + 1, TickFate.SKIPPED, null, old);

            assertThat(StoreRetention.of(store, DEDUP_WINDOW, RETENTION).prune()).isEqualTo(2 + 2 + 1 + 3);

            assertThat(column(store, "SELECT dedup_key FROM lg_inbox"))
                    .containsExactlyInAnyOrder("old-failed", "old-pending", "young-routed");
            assertThat(decisions.recent(10)).extracting(Decision::interruptId)
                    .containsExactlyInAnyOrder("old-starting", "young-started");
            assertThat(column(store, "SELECT interrupt_id FROM lg_awaiting")).containsExactlyInAnyOrder("old-waiting", "young-expired");
            assertThat(column(store, "SELECT schedule || '@' || scheduled_at FROM lg_schedule_tick")).containsExactlyInAnyOrder(
                    "s@" + (old + 2), "s@" + (old + 3), "s@" + young, "quiet@" + (old + 1));
            assertThat(ticks.lastScheduled("quiet", Long.MAX_VALUE)).isEqualTo(old + 1);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aPassWhileAnotherInstanceHoldsTheLeaseDeletesNothing(String url) {
        long now = System.currentTimeMillis();
        try (JdbcCallbackStore store = open(url)) {
            store.record(entry("old-routed", now - 40 * DAY));
            store.markRouted("old-routed", null, null);
            assertThat(new StoreLease(store.dataSource()).take("retention", "other-instance", now, now + 60_000)).isTrue();

            assertThat(StoreRetention.of(store, DEDUP_WINDOW, RETENTION).prune()).isEqualTo(-1);
            assertThat(store.state("old-routed")).isEqualTo("routed");
        }
    }

    private static InboxEntry entry(String key, long receivedAt) {
        return new InboxEntry(key, "cb", "cid-" + key, "webhook", "{\"run_id\": \"" + key + "\"}", receivedAt);
    }

    private static Decision decision(String interrupt, long at) {
        return new Decision("t", interrupt, "cb", "\"yes\"", "tester", at, UUID.randomUUID().toString(), Decision.STARTING,
                null, null);
    }

    private static AwaitingInterrupt interrupt(String interrupt, long at) {
        return new AwaitingInterrupt("t", interrupt, "cb", "run", "\"q\"", at, 0, ExpiryAction.ROUTE, null, AwaitingInterrupt.WAITING);
    }

    private static List<String> column(JdbcCallbackStore store, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
