package io.camellanggraph.component;

/** awaitWebhook: the run's callback did not arrive within awaitTimeout (the run may still finish and be routed later). */
public class LangGraphAwaitTimeoutException extends RuntimeException {
    public LangGraphAwaitTimeoutException(String runId, String correlationId, long timeoutMillis) {
        super("No callback for run " + runId + " (correlation id " + correlationId + ") within " + timeoutMillis + " ms");
    }
}
