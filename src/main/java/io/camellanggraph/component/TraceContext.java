package io.camellanggraph.component;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.client.Run;
import org.apache.camel.Message;

/**
 * Carries a run's W3C trace context from the exchange that started it to the exchange that routes its outcome, so
 * the outcome's route joins the trace. Tracing components (camel-opentelemetry, camel-opentelemetry2) put the
 * context in the {@code traceparent} / {@code tracestate} headers of the message a producer sends, and read it from
 * the headers of the message a consumer creates; in between it travels in the run's metadata. Without a tracer
 * there are no such headers and nothing is added.
 */
final class TraceContext {

    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";
    static final String TRACEPARENT_METADATA = "camel_langgraph_traceparent";
    static final String TRACESTATE_METADATA = "camel_langgraph_tracestate";

    private TraceContext() {
    }

    /** Copies the sending message's trace context into the run's metadata. */
    static void toMetadata(Message message, ObjectNode metadata) {
        String parent = message.getHeader(TRACEPARENT, String.class);
        if (parent == null || parent.isBlank()) {
            return;
        }
        metadata.put(TRACEPARENT_METADATA, parent);
        String state = message.getHeader(TRACESTATE, String.class);
        if (state != null && !state.isBlank()) {
            metadata.put(TRACESTATE_METADATA, state);
        }
    }

    /** Puts the trace context the run was started with on the message that routes its outcome. */
    static void toHeaders(Run run, Message message) {
        String parent = run.metadata(TRACEPARENT_METADATA);
        if (parent == null || parent.isBlank()) {
            return;
        }
        message.setHeader(TRACEPARENT, parent);
        String state = run.metadata(TRACESTATE_METADATA);
        if (state != null && !state.isBlank()) {
            message.setHeader(TRACESTATE, state);
        }
    }
}
