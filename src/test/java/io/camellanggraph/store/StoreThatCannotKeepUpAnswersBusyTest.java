package io.camellanggraph.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The write paths' bounds: while the store cannot write (here: its only connection held by the test, a stall a real
 * SQLite file cannot be made to produce on demand), receipts queue up to the bound, the next one is told "busy" at
 * once (the receiver's 503) instead of waiting, and every queued receipt is committed once the store is back. The
 * bookkeeping path does not share the receipts' queue: a full bookkeeping queue leaves receipts unaffected.
 */
@Tag("fast")
class StoreThatCannotKeepUpAnswersBusyTest {

    @TempDir
    Path dir;
    private HikariDataSource dataSource;

    @BeforeEach
    void open() throws Exception {
        // the schema, then closed: the writers below get their own pool of one connection, like SQLite's
        JdbcCallbackStore.open(jdbcUrl(), null, null).close();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl());
        config.setMaximumPoolSize(1);
        dataSource = new HikariDataSource(config);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private String jdbcUrl() {
        return "jdbc:sqlite:" + dir.resolve("store.db");
    }

    private static InboxEntry entry(String key) {
        return new InboxEntry(key, "", "cid", "webhook", "{}", 1);
    }

    @Test
    void receiptsBeyondTheQueuesBoundAreRefusedAsBusyAndTheQueuedOnesAreAllCommitted() throws Exception {
        List<CompletableFuture<Boolean>> queued = new ArrayList<>();
        // batches of one: once the writer holds the first receipt it takes nothing more from the queue
        try (GroupCommitWriter writer = new GroupCommitWriter(dataSource, 1, 8, 200)) {
            try (Connection held = dataSource.getConnection()) {
                // the writer takes the first receipt and waits for the connection, taking nothing more meanwhile
                queued.add(writer.enqueue(entry("first:cid")));
                await().atMost(Duration.ofSeconds(10)).until(() -> writer.waiting() == 0);
                for (int i = 0; i < 8; i++) {
                    queued.add(writer.enqueue(entry("run-" + i + ":cid")));
                }
                assertThatThrownBy(() -> writer.enqueue(entry("one-more:cid"))).isInstanceOf(StoreBusyException.class)
                        .hasMessageContaining("claims waiting for the store");
                // a caller is told "busy" at once, not left waiting for a commit that cannot come now
                assertThatThrownBy(() -> writer.insert(entry("waits:cid"))).isInstanceOf(StoreBusyException.class);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> queued.stream().allMatch(CompletableFuture::isDone));
            assertThat(queued).allSatisfy(f -> assertThat(f.get()).isTrue());
            assertThat(rows()).isEqualTo(queued.size());
        }
    }

    @Test
    void aFullBookkeepingQueueDoesNotHoldReceipts() throws Exception {
        try (BookkeepingWriter bookkeeping = new BookkeepingWriter(dataSource, 4, 2, 200);
             GroupCommitWriter writer = new GroupCommitWriter(dataSource, 4, 8, 5_000)) {
            BookkeepingWriter.Step drop = new BookkeepingWriter.Step("DELETE FROM lg_inbox WHERE dedup_key = ?", "none");
            try (Connection held = dataSource.getConnection()) {
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 20; i++) {
                        bookkeeping.applyLater(drop);
                    }
                }).isInstanceOf(StoreBusyException.class).hasMessageContaining("bookkeeping writes waiting");
            }
            assertThat(writer.insert(entry("after:cid"))).isTrue();
            assertThat(rows()).isEqualTo(1);
        }
    }

    private int rows() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM lg_inbox")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
