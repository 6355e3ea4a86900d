package io.camellanggraph.component.health;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.camellanggraph.store.CallbackStore;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the callback store (SQLite file or PostgreSQL): it answers a query. Details are the queue depths:
 * outcomes waiting to be routed, failed outcomes (dead letters), runs still waiting for their outcome. Up, with
 * {@code started=false}, while no route uses the callback path (the store is opened on first use).
 */
public final class CallbackStoreHealthCheck extends AbstractHealthCheck {

    public static final String ID = "langgraph-store";

    private final Supplier<Optional<CallbackStore>> store;

    public CallbackStoreHealthCheck(Supplier<Optional<CallbackStore>> store) {
        super("langgraph", ID);
        this.store = store;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Optional<CallbackStore> opened = store.get();
        builder.detail("started", opened.isPresent());
        if (opened.isEmpty()) {
            builder.up();
            return;
        }
        try {
            CallbackStore s = opened.get();
            Map<String, Integer> inbox = s.countByState();
            // claimed rows are being confirmed or routed, or wait for their lease to run out: not routed yet either
            builder.detail("inbox.unrouted", inbox.getOrDefault("pending", 0) + inbox.getOrDefault("claimed", 0));
            builder.detail("inbox.failed", inbox.getOrDefault("failed", 0));
            builder.detail("runs.pending", s.countPendingRuns());
            builder.up();
        } catch (RuntimeException e) {
            builder.down().message("callback store unavailable: " + e.getMessage());
        }
    }
}
