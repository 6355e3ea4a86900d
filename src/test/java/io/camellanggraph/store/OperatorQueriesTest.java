package io.camellanggraph.store;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The store's query for the operator view's run detail: the inbox rows of one run. */
@Tag("fast")
class OperatorQueriesTest {

    @TempDir
    Path dir;

    private static InboxEntry entry(String key, long receivedAt) {
        return new InboxEntry(key, "ops", "cid-" + key, "webhook", "{}", receivedAt);
    }

    @Test
    void aRunsRowsAreFoundByItsRunIdAndNoOtherRunsThatShareItsPrefix() {
        try (JdbcCallbackStore store = JdbcCallbackStore.open("jdbc:sqlite:" + dir.resolve("store.db"), null, null)) {
            store.record(entry("run-1:cid-a", 10));
            store.record(entry("run-1:cid-b", 20));
            store.record(entry("run-10:cid-c", 30));
            store.record(entry("run-2:cid-d", 40));
            assertThat(store.outcomesOf("run-1")).extracting(r -> r.entry().dedupKey()).containsExactly("run-1:cid-b", "run-1:cid-a");
            assertThat(store.outcomesOf("run-3")).isEmpty();
        }
    }
}
