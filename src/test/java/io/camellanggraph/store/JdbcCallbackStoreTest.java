package io.camellanggraph.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded SQLite store: group-committed receipts, de-duplication, routing states, pruning, persistence. */
@Tag("fast")
class JdbcCallbackStoreTest {

    @TempDir
    Path dir;

    private JdbcCallbackStore open() {
        return JdbcCallbackStore.open("jdbc:sqlite:" + dir.resolve("store.db"), null, null);
    }

    private static InboxEntry entry(String key, long receivedAt) {
        return new InboxEntry(key, "", "cid-" + key, "webhook", "{\"run_id\": \"" + key + "\"}", receivedAt);
    }

    @Test
    void concurrentReceiptsOfTheSameOutcomeRecordItExactlyOnce() throws Exception {
        try (JdbcCallbackStore store = open()) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String key = "run-" + (i % 100) + ":success";
                attempts.add(() -> store.record(entry(key, 1)));
            }
            long recorded = 0;
            for (Future<Boolean> result : pool.invokeAll(attempts)) {
                recorded += result.get() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(recorded).isEqualTo(100);
            assertThat(store.unrouted(1000)).hasSize(100);
        }
    }

    @Test
    void aRunRecordedBeforeItsCreateGetsItsIdsAfterwardsUnlessItsRowIsGone() {
        try (JdbcCallbackStore store = open()) {
            recordedBeforeCreateScenario(store);
        }
    }

    /** Also run on PostgreSQL ({@code PendingRunWithoutRunIdOnPostgresTest}): the run id column allows null there too. */
    static void recordedBeforeCreateScenario(JdbcCallbackStore store) {
        store.addPendingRun(new PendingRun("cid-1", null, null, "cb", 1));
        assertThat(store.pendingRun("cid-1").runId()).as("no run id until the create's answer").isNull();

        assertThat(store.pendingRunCreated("cid-1", "run-1", "thread-1", "assistant-1")).isTrue();
        assertThat(store.pendingRun("cid-1")).isEqualTo(new PendingRun("cid-1", "run-1", "thread-1", "cb", 1, "assistant-1"));

        store.removePendingRun("cid-1");
        assertThat(store.pendingRunCreated("cid-1", "run-1", "thread-1", "assistant-1")).as("routed or dropped meanwhile")
                .isFalse();
        assertThat(store.countPendingRuns()).isZero();
    }

    @Test
    void recordedOutcomesSurviveReopeningAndRoutedOnesLeaveThePendingList() {
        try (JdbcCallbackStore store = open()) {
            store.addPendingRun(new PendingRun("cid-a:success", "a", "t", "", 1));
            store.record(entry("a:success", 1));
            store.record(entry("b:success", 2));
            store.markRouted("a:success", "cid-a:success", null);
        }
        try (JdbcCallbackStore reopened = open()) {
            assertThat(reopened.unrouted(10)).extracting(InboxEntry::dedupKey).containsExactly("b:success");
            assertThat(reopened.isPending("a:success")).isFalse();
            assertThat(reopened.countPendingRuns()).isZero();
            assertThat(reopened.record(entry("a:success", 3))).as("still a duplicate after reopening").isFalse();
        }
    }

    @Test
    void failedOutcomesAreKeptAndCanBeRequeuedOnce() {
        try (JdbcCallbackStore store = open()) {
            store.record(entry("c:error", 1));
            store.markFailed("c:error", "smtp down");
            assertThat(store.unrouted(10)).isEmpty();
            assertThat(store.requeue("c:error")).isTrue();
            assertThat(store.requeue("c:error")).isFalse();
            assertThat(store.unrouted(10)).extracting(InboxEntry::dedupKey).containsExactly("c:error");
        }
    }

    @Test
    void pruningEndsTheDeduplicationWindowOfRoutedOutcomesOnly() {
        try (JdbcCallbackStore store = open()) {
            store.record(entry("old:success", 1_000));
            store.record(entry("old-pending:success", 1_000));
            store.record(entry("new:success", 5_000));
            store.markRouted("old:success", null, null);
            store.markRouted("new:success", null, null);
            assertThat(store.pruneSettled(2_000, 100)).isEqualTo(1);
            assertThat(store.record(entry("old:success", 6_000))).as("outside the window: new again").isTrue();
            assertThat(store.record(entry("new:success", 6_000))).isFalse();
            assertThat(store.isPending("old-pending:success")).isTrue();
        }
    }

    @Test
    void rejectedBodiesAreKeptBoundedAndTruncated() {
        try (JdbcCallbackStore store = open()) {
            store.recordRejected("", 400, "body is not JSON", "x".repeat(10_000));
            assertThat(store.rejected(5)).singleElement().satisfies(r -> assertThat(r.body()).hasSize(4096));
        }
    }

    @Test
    void ofTwoInstancesClaimingOneOutcomeOnlyOneGetsItWhileItsLeaseRuns() throws Exception {
        try (JdbcCallbackStore store = open()) {
            store.record(entry("run-1:cid", 1));
            ExecutorService both = Executors.newFixedThreadPool(2);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<Future<Boolean>> claims = new ArrayList<>();
            for (String owner : List.of("a", "b")) {
                claims.add(both.submit(() -> {
                    go.await();
                    return store.claim("run-1:cid", owner, 60_000, 1_000);
                }));
            }
            go.countDown();
            long won = 0;
            for (Future<Boolean> claim : claims) {
                won += claim.get() ? 1 : 0;
            }
            both.shutdown();
            assertThat(won).isEqualTo(1);
            assertThat(store.state("run-1:cid")).isEqualTo("claimed");
            assertThat(store.unrouted(10, 59_999)).as("not free while the lease runs").isEmpty();
        }
    }

    @Test
    void aClaimWhoseLeaseRanOutIsTakenOverAndRenewedClaimsAreNot() {
        try (JdbcCallbackStore store = open()) {
            store.record(entry("dead:cid", 1));
            store.record(entry("alive:cid", 2));
            assertThat(store.claim("dead:cid", "crashed", 10_000, 1_000)).isTrue();
            assertThat(store.claim("alive:cid", "running", 10_000, 1_000)).isTrue();
            assertThat(store.renewClaims("running", 40_000)).isEqualTo(1);

            // at 20 s the crashed instance's lease has run out; the running one renewed its own
            assertThat(store.unrouted(10, 20_000)).extracting(InboxEntry::dedupKey).containsExactly("dead:cid");
            assertThat(store.claim("dead:cid", "survivor", 50_000, 20_000)).isTrue();
            assertThat(store.claim("alive:cid", "survivor", 50_000, 20_000)).isFalse();
            assertThat(store.claim("alive:cid", "running", 50_000, 20_000)).as("the holder keeps it").isTrue();

            store.markRouted("dead:cid", "cid-dead:cid", null);
            assertThat(store.claim("dead:cid", "survivor", 90_000, 80_000)).as("routed is never claimed again").isFalse();
        }
    }

    @Test
    void claimsHandedBackAtAStopAreFreeAtOnce() {
        try (JdbcCallbackStore store = open()) {
            store.record(entry("handed-back:cid", 1));
            assertThat(store.claim("handed-back:cid", "stopping", 60_000, 1_000)).isTrue();
            assertThat(store.releaseClaims("stopping")).isEqualTo(1);
            assertThat(store.unrouted(10, 1_001)).extracting(InboxEntry::dedupKey).containsExactly("handed-back:cid");
            assertThat(store.state("handed-back:cid")).isEqualTo("pending");
        }
    }

    @Test
    void aRescanPageHoldsPendingRowsAndRunOutClaimsOldestFirstUpToItsSize() {
        try (JdbcCallbackStore store = open()) {
            rescanPageScenario(store);
        }
    }

    /** Also run on PostgreSQL ({@code InboxRescanPageOnPostgresTest}): the page's query is a UNION of two reads. */
    static void rescanPageScenario(JdbcCallbackStore store) {
        for (int i = 1; i <= 5; i++) {
            store.record(entry("pending-" + i + ":cid", 10 * i));
        }
        store.record(entry("run-out:cid", 15));
        store.record(entry("held:cid", 5));
        assertThat(store.claim("run-out:cid", "crashed", 1_000, 100)).isTrue();
        assertThat(store.claim("held:cid", "running", 90_000, 100)).isTrue();

        // at 2 s the crashed holder's lease has run out: its row sorts between the pending ones by receipt time
        assertThat(store.unrouted(3, 2_000)).extracting(InboxEntry::dedupKey)
                .containsExactly("pending-1:cid", "run-out:cid", "pending-2:cid");
        assertThat(store.unrouted(100, 2_000)).extracting(InboxEntry::dedupKey)
                .containsExactly("pending-1:cid", "run-out:cid", "pending-2:cid", "pending-3:cid", "pending-4:cid",
                        "pending-5:cid");
    }

    @Test
    void theWritingConnectionKeepsALargeInboxIndexInItsPageCache() throws Exception {
        try (JdbcCallbackStore store = open(); Connection c = store.dataSource().getConnection();
             Statement s = c.createStatement(); ResultSet cacheSize = s.executeQuery("PRAGMA cache_size")) {
            assertThat(cacheSize.next()).isTrue();
            // negative: KiB rather than pages
            assertThat(cacheSize.getInt(1)).isEqualTo(-JdbcCallbackStore.WRITER_CACHE_KIB);
        }
    }
}
