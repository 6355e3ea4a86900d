package io.camellanggraph.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

/**
 * Group commit for the writes on the webhook path: callers hand over their write and wait; one writer thread
 * takes everything waiting (up to a batch), executes it in one transaction and releases the callers once it is
 * committed. Under load many receipts share one commit, and so one journal write, without any caller being
 * answered before its own row is committed.
 */
final class GroupCommitWriter implements AutoCloseable {

    /** A write of the hot path; {@code result} says whether it changed a row. */
    sealed interface Write permits Insert, Routed {
        CompletableFuture<Boolean> result();
    }

    record Insert(InboxEntry entry, CompletableFuture<Boolean> result) implements Write {
        Insert(InboxEntry entry) {
            this(entry, new CompletableFuture<>());
        }
    }

    record Routed(String dedupKey, String correlationId, String body, CompletableFuture<Boolean> result) implements Write {
        Routed(String dedupKey, String correlationId, String body) {
            this(dedupKey, correlationId, body, new CompletableFuture<>());
        }
    }

    private static final String INSERT = "INSERT INTO lg_inbox (dedup_key, callback, correlation_id, source, body, received_at,"
            + " state) VALUES (?, ?, ?, ?, ?, ?, 'pending') ON CONFLICT (dedup_key) DO NOTHING";
    private static final String MARK_ROUTED = "UPDATE lg_inbox SET state = 'routed', reason = NULL,"
            + " body = COALESCE(?, body) WHERE dedup_key = ?";
    private static final String REMOVE_PENDING = "DELETE FROM lg_pending_run WHERE correlation_id = ?";

    private final DataSource dataSource;
    private final int maxBatch;
    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    GroupCommitWriter(DataSource dataSource, int maxBatch) {
        this.dataSource = dataSource;
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::loop, "langgraph-store-writer");
        thread.setDaemon(true);
        thread.start();
    }

    boolean submit(Write write) {
        if (!running) {
            throw new StoreException("callback store is closed", null);
        }
        queue.add(write);
        try {
            return write.result().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StoreException se ? se : new StoreException("callback store write failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the callback store", e);
        }
    }

    private void loop() {
        List<Write> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Write first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Write> batch) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(INSERT);
                 PreparedStatement routed = c.prepareStatement(MARK_ROUTED);
                 PreparedStatement unpend = c.prepareStatement(REMOVE_PENDING)) {
                List<Insert> inserts = new ArrayList<>();
                for (Write write : batch) {
                    if (write instanceof Insert i) {
                        InboxEntry e = i.entry();
                        insert.setString(1, e.dedupKey());
                        insert.setString(2, e.callback());
                        insert.setString(3, e.correlationId());
                        insert.setString(4, e.source());
                        insert.setString(5, e.body());
                        insert.setLong(6, e.receivedAt());
                        insert.addBatch();
                        inserts.add(i);
                    } else if (write instanceof Routed r) {
                        routed.setString(1, r.body());
                        routed.setString(2, r.dedupKey());
                        routed.addBatch();
                        if (r.correlationId() != null) {
                            unpend.setString(1, r.correlationId());
                            unpend.addBatch();
                        }
                    }
                }
                int[] inserted = insert.executeBatch();
                routed.executeBatch();
                unpend.executeBatch();
                c.commit();
                for (int n = 0; n < inserts.size(); n++) {
                    inserts.get(n).result().complete(inserted[n] == 1);
                }
                batch.forEach(w -> w.result().complete(true));
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
