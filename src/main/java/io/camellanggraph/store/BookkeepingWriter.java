package io.camellanggraph.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim path's bookkeeping, batched on a path of its own: taking a row (the lease), routed and failed marks,
 * refused claims dropped and kept as unconfirmed, claims handed back. One writer thread commits whatever waits (up
 * to a batch) in one transaction, so a flood of refusals costs one commit per batch instead of four per claim, and
 * never holds the receiver's {@link GroupCommitWriter}. Writes are applied in the order they were handed over
 * (one thread, one queue): a claim taken after a routed mark of the same row sees it routed. The queue is bounded:
 * when full, {@link StoreBusyException}.
 */
final class BookkeepingWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BookkeepingWriter.class);

    /** One statement and its arguments. */
    record Step(String sql, Object... args) {
    }

    /** Steps applied in one transaction; {@code result} is the number of rows the first one changed. */
    private record Write(List<Step> steps, CompletableFuture<Integer> result) {
    }

    private final DataSource dataSource;
    private final int maxBatch;
    private final long commitTimeoutMillis;
    private final BlockingQueue<Write> queue;
    private final Thread thread;
    private volatile boolean running = true;

    BookkeepingWriter(DataSource dataSource, int maxBatch, int capacity, long commitTimeoutMillis) {
        this.dataSource = dataSource;
        this.maxBatch = maxBatch;
        this.commitTimeoutMillis = commitTimeoutMillis;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::loop, "langgraph-store-bookkeeping");
        thread.setDaemon(true);
        thread.start();
    }

    /** Applies the steps (atomically, with the batch of the moment) and waits: rows changed by the first step. */
    int apply(Step... steps) {
        try {
            return submit(steps).get(commitTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StoreBusyException("bookkeeping not committed within " + commitTimeoutMillis + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StoreException se ? se : new StoreException("callback store update failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the callback store", e);
        }
    }

    /** Hands the steps over without waiting for them; a failure is logged. */
    void applyLater(Step... steps) {
        submit(steps).whenComplete((rows, failure) -> {
            if (failure != null) {
                LOG.warn("Callback store bookkeeping not written: {}", failure.getMessage());
            }
        });
    }

    private CompletableFuture<Integer> submit(Step... steps) {
        if (!running) {
            throw new StoreException("callback store is closed", null);
        }
        Write write = new Write(List.of(steps), new CompletableFuture<>());
        if (!queue.offer(write)) {
            throw new StoreBusyException(queue.size() + " bookkeeping writes waiting for the store");
        }
        return write.result();
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
                try {
                    commit(batch);
                } catch (SQLException batchFailed) {
                    // one bad write must not take the others with it: each alone, in its own transaction
                    for (Write write : batch) {
                        try {
                            commit(List.of(write));
                        } catch (SQLException e) {
                            write.result().completeExceptionally(new StoreException("callback store update failed", e));
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Write> batch) throws SQLException {
        int[] rows = new int[batch.size()];
        Map<String, PreparedStatement> statements = new HashMap<>();
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException noConnection) {
            // the store is down: nothing to retry write by write
            StoreException failure = new StoreException("callback store update failed", noConnection);
            batch.forEach(w -> w.result().completeExceptionally(failure));
            return;
        }
        try (Connection c = connection) {
            c.setAutoCommit(false);
            try {
                for (int n = 0; n < batch.size(); n++) {
                    List<Step> steps = batch.get(n).steps();
                    for (int s = 0; s < steps.size(); s++) {
                        Step step = steps.get(s);
                        PreparedStatement statement = statements.get(step.sql());
                        if (statement == null) {
                            statement = c.prepareStatement(step.sql());
                            statements.put(step.sql(), statement);
                        }
                        for (int a = 0; a < step.args().length; a++) {
                            statement.setObject(a + 1, step.args()[a]);
                        }
                        int changed = statement.executeUpdate();
                        if (s == 0) {
                            rows[n] = changed;
                        }
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                for (PreparedStatement statement : statements.values()) {
                    statement.close();
                }
                c.setAutoCommit(true);
            }
        }
        for (int n = 0; n < batch.size(); n++) {
            batch.get(n).result().complete(rows[n]);
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
