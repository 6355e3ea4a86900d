package io.camellanggraph.store;

import java.util.List;

/**
 * Read-only views of the inbox for the operator page and metrics.
 */
public interface InboxHistory {

    /** The last routed or failed outcomes, newest first (operator view). */
    List<InboxRecord> recent(int limit);

    /** Failed outcomes (dead letters, replayable), newest first (operator view). */
    default List<InboxRecord> failed(int limit) {
        return recent(Math.max(limit, 10_000)).stream().filter(r -> "failed".equals(r.state())).limit(limit).toList();
    }

    /** Number of inbox entries per state (pending, routed, failed): queue depths for health and metrics. */
    default java.util.Map<String, Integer> countByState() {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        recent(Integer.MAX_VALUE).forEach(r -> counts.merge(r.state(), 1, Integer::sum));
        return counts;
    }

    /** The newest outcome recorded for a callback name, or null (operator view: last outcome of a cron). */
    default InboxRecord latest(String callback) {
        return recent(10_000).stream().filter(r -> r.entry().callback().equals(callback)).findFirst().orElse(null);
    }

    /** Rows and bytes of every table in the store's database (operator page, {@code status}). */
    List<TableSizes.TableSize> tableSizes();

    /** The inbox rows of one run (keys {@code <run id>:...}), newest first (operator view: a run's detail). */
    default List<InboxRecord> outcomesOf(String runId) {
        return recent(10_000).stream().filter(r -> r.entry().dedupKey().startsWith(runId + ":")).toList();
    }
}
