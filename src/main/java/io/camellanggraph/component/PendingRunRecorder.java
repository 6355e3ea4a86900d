package io.camellanggraph.component;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.camellanggraph.callback.Claim;
import io.camellanggraph.client.LangGraphApiException;
import io.camellanggraph.client.Run;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.PendingRun;
import io.camellanggraph.store.StoreException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records runs sent with {@code webhook=auto} as pending before the server is asked to create them, so that no run
 * the server has is unknown to this application. A store that refuses that first write (a full disk, a database away)
 * fails the exchange and no run is created. After the create the row gets the run's ids; when that second write is
 * refused the run goes on, and the reconciler finds it by its correlation id. A create the server definitely refused
 * (4xx, or no connection made) removes the rows; any other failure keeps them, since the run may exist.
 */
final class PendingRunRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(PendingRunRecorder.class);

    private final CallbackStore store;

    PendingRunRecorder(CallbackStore store) {
        this.store = store;
    }

    /**
     * Records {@code rows} (one per run, in the order {@code create} answers them; empty when no callback comes here),
     * then creates the runs and records their ids.
     */
    List<Run> create(List<PendingRun> rows, Supplier<List<Run>> create) {
        record(rows);
        List<Run> runs;
        try {
            runs = create.get();
        } catch (RuntimeException e) {
            if (isDefiniteRefusal(e)) {
                rows.forEach(row -> remove(row.correlationId()));
            }
            throw e;
        }
        for (int i = 0; i < Math.min(rows.size(), runs.size()); i++) {
            created(rows.get(i), runs.get(i));
        }
        return runs;
    }

    private void record(List<PendingRun> rows) {
        List<PendingRun> recorded = new ArrayList<>();
        for (PendingRun row : rows) {
            try {
                store.addPendingRun(row);
                recorded.add(row);
            } catch (StoreException e) {
                // nothing was created: rows of the others of a batch would only wait for the reconciler to drop them
                recorded.forEach(done -> remove(done.correlationId()));
                throw new LangGraphRunNotRecordedException(e);
            }
        }
    }

    private void created(PendingRun row, Run run) {
        try {
            if (!store.pendingRunCreated(row.correlationId(), run.runId(), run.threadId(), run.assistantId())
                    && store.state(Claim.key(run.runId(), row.correlationId())) == null) {
                // no outcome yet and no row: the reconciler took it for never created while this create took longer
                // than reconcileAfter
                store.addPendingRun(new PendingRun(row.correlationId(), run.runId(), run.threadId(), row.callback(),
                        row.createdAt(), run.assistantId()));
            }
        } catch (StoreException e) {
            LOG.warn("Run {} started but its id not recorded ({}): the reconciler finds it by its correlation id",
                    run.runId(), e.getMessage());
        }
    }

    private void remove(String correlationId) {
        try {
            store.removePendingRun(correlationId);
        } catch (StoreException e) {
            LOG.debug("Pending row of correlation id {} left for the reconciler to drop: {}", correlationId, e.getMessage());
        }
    }

    /** The server said no (4xx), or the request never left: no run exists. A timeout or a broken answer says nothing. */
    private static boolean isDefiniteRefusal(RuntimeException e) {
        if (!(e instanceof LangGraphApiException api)) {
            return false;
        }
        if (api.getStatusCode() >= 400 && api.getStatusCode() < 500) {
            return true;
        }
        return api.getStatusCode() == 0 && (api.getCause() instanceof ConnectException
                || api.getCause() instanceof ConnectTimeoutException);
    }
}
