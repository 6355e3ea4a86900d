package io.camellanggraph.app.bridge;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the bridge's expired request rows ({@link BridgeRequestStore#prune}) off the request path, on a thread of its
 * own: every tenth of the window (between one second and one minute), in batches of {@value #BATCH} rows, at most
 * {@value #BATCHES_PER_PASS} batches a pass, so a backlog is worked off over a few passes without holding the database
 * (SQLite has one writer) for long. Instances sharing a database may prune at the same time: a row is deleted once.
 */
public final class BridgeRequestExpiry extends ServiceSupport {

    static final int BATCH = 500;
    static final int BATCHES_PER_PASS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(BridgeRequestExpiry.class);

    private final CamelContext context;
    private final BridgeRequests requests;
    private ScheduledExecutorService executor;

    public BridgeRequestExpiry(CamelContext context, BridgeRequests requests) {
        this.context = context;
        this.requests = requests;
    }

    @Override
    protected void doStart() {
        long period = Math.max(1_000, Math.min(60_000, requests.windowMillis() / 10));
        executor = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "LangGraphBridgeExpiry");
        executor.scheduleWithFixedDelay(this::prune, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (executor != null) {
            context.getExecutorServiceManager().shutdown(executor);
            executor = null;
        }
    }

    /** One pass: the rows received before the window, a batch at a time; returns how many were deleted. */
    int prune() {
        int deleted = 0;
        try {
            long expiredBefore = System.currentTimeMillis() - requests.windowMillis();
            for (int i = 0; i < BATCHES_PER_PASS; i++) {
                int batch = requests.store().prune(expiredBefore, BATCH);
                deleted += batch;
                if (batch < BATCH) {
                    break;
                }
            }
            if (deleted > 0) {
                LOG.debug("Bridge: {} expired request(s) pruned", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("Bridge: expired requests not pruned, tried again in the next pass: {}", e.getMessage());
        }
        return deleted;
    }
}
