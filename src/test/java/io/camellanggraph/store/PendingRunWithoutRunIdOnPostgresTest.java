package io.camellanggraph.store;

import io.camellanggraph.testsupport.PostgresServer;
import org.junit.jupiter.api.Test;

/** A pending run recorded before its create (no run id yet) and given its ids afterwards, on PostgreSQL as on SQLite. */
class PendingRunWithoutRunIdOnPostgresTest {

    @Test
    void aRunRecordedBeforeItsCreateGetsItsIdsAfterwardsUnlessItsRowIsGone() {
        String url = PostgresServer.shared().newDatabase("pendingrun");
        try (JdbcCallbackStore store = JdbcCallbackStore.open(url, PostgresServer.USER, PostgresServer.PASSWORD)) {
            JdbcCallbackStoreTest.recordedBeforeCreateScenario(store);
        }
    }
}
