package io.camellanggraph.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves SQLite's write-ahead log into the database file once a second, on its own connection and thread. SQLite
 * would otherwise checkpoint inside whichever commit crosses the WAL size limit, and that commit (with every
 * receipt waiting on it) would pay the checkpoint's fsyncs. A PASSIVE checkpoint never blocks the writer. Under a
 * stream of commits with no idle moment, though, it never catches up with the end of the log, and the log is only
 * rewound once a checkpoint has caught up: past {@link #MAX_LOG_FRAMES} frames the next checkpoint is a TRUNCATE one,
 * which makes the writer wait while it finishes (most of the log moved in already by the PASSIVE ones) and empties the
 * log file, so that the log stays bounded (a compressed-time year grew it by about 700 MB a day, BENCHMARKS 13).
 */
final class WalCheckpointer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
    private static final long INTERVAL_MILLIS = 1000;
    /** Frames (pages, 4 KiB by default) in the log past which it is emptied: about 64 MB. */
    static final int MAX_LOG_FRAMES = 16_384;

    private final String jdbcUrl;
    private final int maxLogFrames;
    private final Thread thread;
    private volatile boolean running = true;

    WalCheckpointer(String jdbcUrl) {
        this(jdbcUrl, MAX_LOG_FRAMES);
    }

    WalCheckpointer(String jdbcUrl, int maxLogFrames) {
        this.jdbcUrl = jdbcUrl;
        this.maxLogFrames = maxLogFrames;
        this.thread = new Thread(this::loop, "langgraph-store-checkpoint");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout=10000");
            boolean failing = false;
            while (running) {
                synchronized (this) {
                    wait(INTERVAL_MILLIS);
                }
                failing = checkpoint(statement, failing);
            }
            checkpoint(statement, "TRUNCATE", failing);
        } catch (SQLException e) {
            LOG.warn("SQLite checkpoints stopped (no connection), the write-ahead log will grow until restart: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A PASSIVE checkpoint, then a TRUNCATE one when the log it reports is past the bound; true when one failed. */
    private boolean checkpoint(Statement statement, boolean failing) {
        int logFrames;
        try (ResultSet rs = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            logFrames = rs.next() ? rs.getInt(2) : 0;
        } catch (SQLException e) {
            return checkpointFailed(e, failing);
        }
        if (logFrames > maxLogFrames) {
            return checkpoint(statement, "TRUNCATE", failing);
        }
        if (failing) {
            LOG.info("SQLite checkpoints succeed again");
        }
        return false;
    }

    /**
     * One checkpoint; true when it failed. A full disk fails it (the database file cannot grow): it is tried again
     * every second, and the log is moved in once there is space, instead of growing until the next restart.
     */
    private static boolean checkpoint(Statement statement, String mode, boolean failing) {
        try {
            statement.execute("PRAGMA wal_checkpoint(" + mode + ")");
            if (failing) {
                LOG.info("SQLite checkpoints succeed again");
            }
            return false;
        } catch (SQLException e) {
            return checkpointFailed(e, failing);
        }
    }

    private static boolean checkpointFailed(SQLException e, boolean failing) {
        if (!failing) {
            LOG.warn("SQLite checkpoint failed, tried again every second: {}", e.getMessage());
        }
        return true;
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
