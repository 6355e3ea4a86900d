package io.camellanggraph.store;

import java.nio.file.Path;

import io.camellanggraph.store.CallbackStore.InboxRecord;
import io.camellanggraph.store.CallbackStore.OutcomeMark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The store's queries for the operator view: a run's outcomes, and the outcomes received since a time. */
class OperatorQueriesTest {

    @TempDir
    Path dir;

    private static InboxEntry entry(String key, long receivedAt) {
        return new InboxEntry(key, "ops", "cid-" + key, "webhook", "{}", receivedAt);
    }

    @Test
    void aRunsOutcomesAreFoundByItsRunIdAndNoOtherRunsThatShareItsPrefix() {
        try (JdbcCallbackStore store = JdbcCallbackStore.open("jdbc:sqlite:" + dir.resolve("store.db"), null, null)) {
            store.record(entry("run-1:interrupted", 10));
            store.record(entry("run-1:success", 20));
            store.record(entry("run-10:success", 30));
            store.record(entry("run-2:error", 40));
            assertThat(store.outcomesOf("run-1")).extracting(r -> r.entry().dedupKey()).containsExactly("run-1:success", "run-1:interrupted");
            assertThat(store.outcomesOf("run-3")).isEmpty();
        }
    }

    @Test
    void outcomesReceivedSinceATimeComeWithTheirStateAndWithoutBodies() {
        try (JdbcCallbackStore store = JdbcCallbackStore.open("jdbc:sqlite:" + dir.resolve("store.db"), null, null)) {
            store.record(entry("old:success", 100));
            store.record(entry("new:error", 200));
            store.record(entry("newer:success", 300));
            store.markFailed("newer:success", "output down");
            assertThat(store.receivedSince(200, 10)).containsExactly(new OutcomeMark("new:error", "pending", 200),
                    new OutcomeMark("newer:success", "failed", 300));
            assertThat(store.receivedSince(200, 1)).hasSize(1);
            InboxRecord failed = store.outcomesOf("newer").get(0);
            assertThat(failed.reason()).isEqualTo("output down");
        }
    }
}
