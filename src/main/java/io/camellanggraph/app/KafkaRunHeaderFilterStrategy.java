package io.camellanggraph.app;

import java.util.Locale;
import java.util.Set;

import io.camellanggraph.app.bridge.KafkaBridge;
import io.camellanggraph.callback.Redaction;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * The Kafka endpoints' headers: the run's identity out, and a record's headers in as claims:
 * <ul>
 * <li>out: only the {@code CamelLangGraph*} headers (run id, thread id, assistant id, status, idempotency key, callback,
 * source, interrupted, error, run ended at, ...) whose names do not look secret and that carry no resume handle
 * ({@code CamelLangGraphResumeHandle}, {@code CamelLangGraphResumeUrl}, {@code CamelLangGraphInterrupts} of an
 * interrupted outcome: no Kafka topic is meant for people); every other header (HTTP headers of the webhook, Camel's
 * own) stays in the route;</li>
 * <li>in (the shipped consumers): of the reserved names ({@code Camel*}, {@code org.apache.camel*}, the app's own
 * {@code LangGraph*} and {@code langgraph_*}, compared without regard to case) only the request and decision headers
 * {@code langgraph_assistant_id}, {@code langgraph_thread_id}, {@value #RESUME_HANDLE} and {@value #RESUMED_BY} come in; other headers (the
 * correlation id, {@code kafka_replyTopic}) come in as bytes, which nothing reads as a producer option.</li>
 * </ul>
 */
public class KafkaRunHeaderFilterStrategy extends DefaultHeaderFilterStrategy {

    public static final String RESUME_HANDLE = "langgraph_resume_handle";
    public static final String RESUMED_BY = "langgraph_resumed_by";
    private static final Set<String> INBOUND = Set.of(KafkaBridge.ASSISTANT_HEADER, KafkaBridge.THREAD_HEADER, RESUME_HANDLE, RESUMED_BY);

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !LangGraphJmsHeaderFilterStrategy.startsWithIgnoreCase(headerName, LangGraphJmsHeaderFilterStrategy.PREFIX)
                || Redaction.isSecretName(headerName) || Redaction.carriesResumeHandle(headerValue);
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return LangGraphJmsHeaderFilterStrategy.isReserved(headerName) && !INBOUND.contains(headerName.toLowerCase(Locale.ROOT));
    }
}
