package io.camellanggraph.store;

import io.camellanggraph.testsupport.PostgresServer;
import org.junit.jupiter.api.Test;

/** The rescan page's query (two index reads joined by UNION ALL) on PostgreSQL, as on SQLite. */
class InboxRescanPageOnPostgresTest {

    @Test
    void aRescanPageHoldsPendingRowsAndRunOutClaimsOldestFirstUpToItsSize() {
        String url = PostgresServer.shared().newDatabase("rescan");
        try (JdbcCallbackStore store = JdbcCallbackStore.open(url, PostgresServer.USER, PostgresServer.PASSWORD)) {
            JdbcCallbackStoreTest.rescanPageScenario(store);
        }
    }
}
