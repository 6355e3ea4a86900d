package io.camellanggraph.component;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

import io.camellanggraph.store.AwaitingStore;
import io.camellanggraph.store.DecisionStore;
import io.camellanggraph.store.JdbcCallbackStore;
import io.camellanggraph.store.Retention;
import io.camellanggraph.store.ScheduleStore;
import io.camellanggraph.store.StoreLease;

/**
 * What the callback store's database keeps, and for how long: settled outcomes for the de-duplication window
 * ({@code dedupWindow}); finished decisions, closed interrupts and settled schedule ticks for {@code retention}. The
 * component runs the pass on its background scheduler.
 */
public final class StoreRetention {

    /** Minutes between two passes; the first comes a minute after the callback path started. */
    public static final long PRUNE_MINUTES = 10;

    private StoreRetention() {
    }

    public static Retention of(JdbcCallbackStore store, long dedupWindowMillis, long retentionMillis) {
        return of(store, dedupWindowMillis, retentionMillis, System::currentTimeMillis);
    }

    /** The same rules on another clock: the compressed-time soak (bench/year-soak.sh) passes a simulated year in minutes. */
    public static Retention of(JdbcCallbackStore store, long dedupWindowMillis, long retentionMillis, LongSupplier clock) {
        Duration keep = Duration.ofMillis(retentionMillis);
        return new Retention("retention", new StoreLease(store.dataSource()), List.of(
                new Retention.Rule("settled outcomes (routed or orphaned)", Duration.ofMillis(dedupWindowMillis), store::pruneSettled),
                new Retention.Rule("finished decisions", keep, new DecisionStore(store.dataSource())::prune),
                new Retention.Rule("closed interrupts", keep, new AwaitingStore(store.dataSource())::prune),
                new Retention.Rule("settled schedule ticks", keep, new ScheduleStore(store.dataSource())::prune)),
                clock);
    }
}
