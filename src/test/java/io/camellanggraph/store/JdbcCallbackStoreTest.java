package io.camellanggraph.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded SQLite store: group-committed receipts, de-duplication, routing states, pruning, persistence. */
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
            assertThat(store.pruneRouted(2_000)).isEqualTo(1);
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
}
