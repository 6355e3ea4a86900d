package io.camellanggraph.app;

import java.util.Set;

import io.camellanggraph.callback.Redaction;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsHeaderFilterStrategy;

/**
 * camel-jms drops every {@code Camel*} header both ways; this strategy makes the run's identity part of the JMS
 * message contract:
 * <ul>
 * <li>out: every {@code CamelLangGraph*} header (run id, thread id, assistant id, status, callback, source,
 * interrupted, interrupts, error, run ended at, ...) travels as a JMS property of the same name, unless its name
 * looks secret;</li>
 * <li>in: only {@code CamelLangGraphAssistantId} and {@code CamelLangGraphThreadId} (the request-reply bridge's request
 * headers) and {@code CamelLangGraphResumeHandle} and {@code CamelLangGraphResumedBy} (a decision's) are taken from a
 * JMS message, so a JMS client cannot set other producer options such as a webhook URL.</li>
 * </ul>
 * All other headers are filtered exactly as camel-jms does by default, which lets Artemis' duplicate id
 * {@code _AMQ_DUPL_ID} out as the JMS property it is (set by the shipped routes to the outcome's idempotency key).
 */
public class LangGraphJmsHeaderFilterStrategy extends JmsHeaderFilterStrategy {

    public static final String PREFIX = "CamelLangGraph";
    /** Request headers a JMS client may set. */
    public static final Set<String> INBOUND = Set.of("CamelLangGraphAssistantId", "CamelLangGraphThreadId",
            "CamelLangGraphResumeHandle", "CamelLangGraphResumedBy");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        if (headerName.startsWith(PREFIX)) {
            return Redaction.isSecretName(headerName);
        }
        return super.applyFilterToCamelHeaders(headerName, headerValue, exchange);
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        if (headerName.startsWith(PREFIX)) {
            return !INBOUND.contains(headerName);
        }
        return super.applyFilterToExternalHeaders(headerName, headerValue, exchange);
    }
}
