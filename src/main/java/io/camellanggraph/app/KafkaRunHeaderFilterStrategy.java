package io.camellanggraph.app;

import io.camellanggraph.callback.Redaction;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * The run's identity as the Kafka record's headers, and nothing else:
 * <ul>
 * <li>out: only the {@code CamelLangGraph*} headers (run id, thread id, assistant id, status, idempotency key, callback,
 * source, interrupted, error, run ended at, ...) whose names do not look secret; every other header (HTTP headers
 * of the webhook, Camel's own) stays in the route;</li>
 * <li>in: only {@code CamelLangGraphAssistantId} and {@code CamelLangGraphThreadId}, the request headers a client may
 * set (as the JMS bridge takes them), so a Kafka producer cannot set other run options.</li>
 * </ul>
 */
public class KafkaRunHeaderFilterStrategy extends DefaultHeaderFilterStrategy {

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !headerName.startsWith(LangGraphJmsHeaderFilterStrategy.PREFIX) || Redaction.isSecretName(headerName);
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !LangGraphJmsHeaderFilterStrategy.INBOUND.contains(headerName);
    }
}
