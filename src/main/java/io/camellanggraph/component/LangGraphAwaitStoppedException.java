package io.camellanggraph.component;

/**
 * awaitWebhook: the component stopped while the exchange waited for its run's callback. The run goes on on the server;
 * its outcome is recorded when it comes (or found by reconciliation after the next start), but no exchange waits for it.
 */
public class LangGraphAwaitStoppedException extends RuntimeException {
    public LangGraphAwaitStoppedException(String runId, String correlationId) {
        super("Stopped while waiting for the callback of run " + runId + " (correlation id " + correlationId + ")");
    }
}
