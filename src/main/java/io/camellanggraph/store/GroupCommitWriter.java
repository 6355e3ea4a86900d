package io.camellanggraph.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Group commit for the claims the receiver records before its 2xx, on their own path: callers hand over their row
 * and wait; one writer thread takes everything waiting (up to a batch), inserts it in one transaction and releases
 * the callers once it is committed. Under load many receipts share one commit, and so one journal write, without any
 * caller being answered before its own row is committed. Nothing else is written here (the bookkeeping of claims
 * goes through {@link BookkeepingWriter}), so a receipt never queues behind a refusal or a routed mark. The queue is
 * bounded and a caller waits a bounded time: past either, {@link StoreBusyException} (a 503, retried by the sender);
 * when the writer waits for a connection its pool cannot open (the database away), a {@link StoreException} saying so.
 */
final class GroupCommitWriter implements AutoCloseable {

    private record Insert(InboxEntry entry, CompletableFuture<Boolean> result) {
    }

    private static final String INSERT = "INSERT INTO lg_inbox (dedup_key, callback, correlation_id, source, body, received_at,"
            + " state) VALUES (?, ?, ?, ?, ?, ?, 'pending') ON CONFLICT (dedup_key) DO NOTHING";

    /**
     * How long a batch waits for more receipts when the last one held several (receipts are arriving concurrently):
     * each commit rewrites the log's tail pages and the indexes' last pages, so at 7 receipts a commit (measured under
     * 32 concurrent senders) half of a receipt's store time was the commit's; 300 µs gathered 12. A lone receipt
     * (the last batch held one) is committed at once.
     */
    private static final long LINGER_NANOS = TimeUnit.MICROSECONDS.toNanos(300);
    private int lastBatch;
    private final DataSource dataSource;
    private final int maxBatch;
    private final long commitTimeoutMillis;
    private final BlockingQueue<Insert> queue;
    private final Thread thread;
    private volatile boolean running = true;
    /** Since when (epoch millis) the writer waits for the pool to hand it a connection; 0 while it has one or is idle. */
    private volatile long connectingSince;

    /**
     * @param capacity            receipts that may wait for the writer; the next one is refused as busy
     * @param commitTimeoutMillis how long a caller waits for its commit before it is told the store is busy
     */
    GroupCommitWriter(DataSource dataSource, int maxBatch, int capacity, long commitTimeoutMillis) {
        this.dataSource = dataSource;
        this.maxBatch = maxBatch;
        this.commitTimeoutMillis = commitTimeoutMillis;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::loop, "langgraph-store-claims");
        thread.setDaemon(true);
        thread.start();
    }

    /** Records the row and waits for its commit: true when inserted, false when its key existed already. */
    boolean insert(InboxEntry entry) {
        CompletableFuture<Boolean> result = enqueue(entry);
        try {
            return result.get(commitTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // still queued and committed later, or failed when the pool gives up: the sender's retry finds out which
            throw notCommitted("claim not committed within " + commitTimeoutMillis + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StoreException se ? se : new StoreException("callback store write failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the callback store", e);
        }
    }

    /** Queues the row without waiting; {@link StoreBusyException} when the queue is full (unavailable: see below). */
    CompletableFuture<Boolean> enqueue(InboxEntry entry) {
        if (!running) {
            throw new StoreException("callback store is closed", null);
        }
        Insert insert = new Insert(entry, new CompletableFuture<>());
        if (!queue.offer(insert)) {
            throw notCommitted(queue.size() + " claims waiting for the store");
        }
        return insert.result();
    }

    /**
     * Why a receipt is not committed now: the writer waits for a connection and the pool has none to give, as it cannot
     * open one (the database down, unreachable); else the writer is behind, {@link StoreBusyException} with {@code busy}.
     */
    private StoreException notCommitted(String busy) {
        long connecting = connectingSince;
        if (connecting != 0 && dataSource instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null
                && pool.getHikariPoolMXBean().getTotalConnections() == 0) {
            return new StoreException("no connection to the callback store's database for "
                    + (System.currentTimeMillis() - connecting) + " ms", null);
        }
        return new StoreBusyException(busy);
    }

    /** Receipts waiting for the writer (not yet taken into a batch). */
    int waiting() {
        return queue.size();
    }

    private void loop() {
        List<Insert> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Insert first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                if (lastBatch > 1) {
                    gather(batch);
                }
                lastBatch = batch.size();
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** Adds the receipts that arrive within {@link #LINGER_NANOS}, up to a full batch. */
    private void gather(List<Insert> batch) throws InterruptedException {
        long until = System.nanoTime() + LINGER_NANOS;
        while (batch.size() < maxBatch) {
            long left = until - System.nanoTime();
            Insert more = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            if (more == null) {
                return;
            }
            batch.add(more);
            queue.drainTo(batch, maxBatch - batch.size());
        }
    }

    private void commit(List<Insert> batch) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (Insert i : batch) {
                    InboxEntry e = i.entry();
                    insert.setString(1, e.dedupKey());
                    insert.setString(2, e.callback());
                    insert.setString(3, e.correlationId());
                    insert.setString(4, e.source());
                    insert.setString(5, e.body());
                    insert.setLong(6, e.receivedAt());
                    insert.addBatch();
                }
                int[] inserted = insert.executeBatch();
                c.commit();
                for (int n = 0; n < batch.size(); n++) {
                    batch.get(n).result().complete(inserted[n] == 1);
                }
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            StoreException failure = new StoreException("callback store write failed", e);
            batch.forEach(w -> w.result().completeExceptionally(failure));
        }
    }

    /** A connection of the pool, noted while it is awaited: callers timing out meanwhile are told why. */
    private Connection connect() throws SQLException {
        connectingSince = System.currentTimeMillis();
        try {
            return dataSource.getConnection();
        } finally {
            connectingSince = 0;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
