package io.camellanggraph.store;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pruning pass over the tables of one database: each {@link Rule} deletes its rows older than its age, in batches of
 * {@link #BATCH} rows (each its own short statement, so the writers of the hot paths wait for one batch at most), until
 * none is left. A pass runs on one instance of a cluster at a time: it holds the database's lease {@code name}
 * ({@link StoreLease}), renewed between batches. Scheduled by its owner off the hot paths (a background thread).
 */
public final class Retention implements Runnable {

    /** Deletes at most {@code limit} rows older than {@code before} (epoch ms); returns how many it deleted. */
    @FunctionalInterface
    public interface Pruner {
        int prune(long before, int limit);
    }

    /** A table's rows that may go once older than {@code keep}. */
    public record Rule(String what, Duration keep, Pruner pruner) {
    }

    static final int BATCH = 500;
    private static final long LEASE_MILLIS = 5 * 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final String name;
    private final StoreLease lease;
    private final List<Rule> rules;
    private final LongSupplier clock;
    private final String owner = "retention-" + UUID.randomUUID();

    public Retention(String name, StoreLease lease, List<Rule> rules, LongSupplier clock) {
        this.name = name;
        this.lease = lease;
        this.rules = List.copyOf(rules);
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            prune();
        } catch (RuntimeException e) {
            LOG.warn("Pruning of {} failed, the next pass retries: {}", name, e.getMessage());
        }
    }

    /** One pass; returns the rows deleted, or -1 when another instance holds the lease. */
    public int prune() {
        if (!renew()) {
            return -1;
        }
        int total = 0;
        try {
            for (Rule rule : rules) {
                long before = clock.getAsLong() - rule.keep().toMillis();
                int deleted = 0;
                int batch;
                do {
                    batch = rule.pruner().prune(before, BATCH);
                    deleted += batch;
                } while (batch == BATCH && renew());
                if (deleted > 0) {
                    LOG.info("Deleted {} {} older than {}", deleted, rule.what(), rule.keep());
                }
                total += deleted;
            }
        } finally {
            lease.release(name, owner);
        }
        return total;
    }

    private boolean renew() {
        long now = clock.getAsLong();
        return lease.take(name, owner, now, now + LEASE_MILLIS);
    }
}
