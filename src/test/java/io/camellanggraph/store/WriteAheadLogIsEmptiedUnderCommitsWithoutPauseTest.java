package io.camellanggraph.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SQLite's write-ahead log under a stream of commits with no idle moment between them: the once-a-second PASSIVE
 * checkpoint never catches up with its end, so the log is never rewound and its file only grows; past the bound the
 * checkpointer empties it (TRUNCATE), and the file is seen shrinking while the writer keeps committing.
 */
class WriteAheadLogIsEmptiedUnderCommitsWithoutPauseTest {

    @Test
    void aLogPastItsBoundIsEmptiedWhileTheWriterKeepsCommitting() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "wal-bound-");
        Path log = dir.resolve("store.db-wal");
        String url = "jdbc:sqlite:" + dir.resolve("store.db");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong commits = new AtomicLong();
        try (Connection writer = DriverManager.getConnection(url); Statement s = writer.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA wal_autocheckpoint=0");
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)");
            Thread stream = new Thread(() -> {
                try (PreparedStatement insert = writer.prepareStatement("INSERT INTO t (body) VALUES (?)")) {
                    while (writing.get()) {
                        insert.setString(1, "x".repeat(2000));
                        insert.executeUpdate();
                        commits.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            stream.start();
            try (WalCheckpointer checkpointer = new WalCheckpointer(url, 200)) {
                AtomicLong largest = new AtomicLong();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
                    long size = Files.exists(log) ? Files.size(log) : 0;
                    // past the bound (200 frames of 4 KiB) once, then smaller: the file was emptied meanwhile
                    boolean shrank = largest.get() > 200 * 4096 && size < largest.get();
                    largest.accumulateAndGet(size, Math::max);
                    return shrank;
                });
                assertThat(commits.get()).as("the writer kept committing").isPositive();
            } finally {
                writing.set(false);
                stream.join(10_000);
            }
        }
    }
}
