package io.camellanggraph.component;

import io.camellanggraph.callback.CallbackDelivery;
import io.camellanggraph.client.Run;
import org.apache.camel.Message;

/** Puts a run's identity on a message, the same way for the producer's answers, the consumers and awaitWebhook replies. */
public final class RunHeaders {

    private RunHeaders() {
    }

    public static void set(Message message, Run run) {
        message.setHeader(LangGraphConstants.RUN_ID, run.runId());
        message.setHeader(LangGraphConstants.THREAD_ID, run.threadId());
        message.setHeader(LangGraphConstants.ASSISTANT_ID, run.assistantId());
        message.setHeader(LangGraphConstants.RUN_STATUS, run.status());
        String error = run.errorMessage();
        if (error != null) {
            message.setHeader(LangGraphConstants.ERROR, error);
        }
        String errorType = run.errorType();
        if (errorType != null) {
            message.setHeader(LangGraphConstants.ERROR_TYPE, errorType);
        }
        String endedAt = run.json().path("run_ended_at").asText(null);
        if (endedAt != null) {
            message.setHeader(LangGraphConstants.RUN_ENDED_AT, endedAt);
        }
    }

    /** A delivered outcome: body is the redacted run as JSON, headers name it and say how it came. */
    public static void set(Message message, CallbackDelivery delivery) {
        // the confirmed copy is JSON text already: no second serialisation per outcome
        message.setBody(delivery.body());
        set(message, delivery.run());
        message.setHeader(LangGraphConstants.CORRELATION_ID, delivery.entry().correlationId());
        message.setHeader(LangGraphConstants.CALLBACK, delivery.entry().callback());
        message.setHeader(LangGraphConstants.SOURCE, delivery.entry().source());
        // a redelivery after a crash carries the same key: the outputs' de-duplication rests on it
        message.setHeader(LangGraphConstants.IDEMPOTENCY_KEY, delivery.run().runId());
        message.setHeader(LangGraphConstants.INTERRUPTED, delivery.interrupted());
        if (delivery.interrupts() != null) {
            message.setHeader(LangGraphConstants.INTERRUPTS, delivery.interrupts().toString());
        }
        TraceContext.toHeaders(delivery.run(), message);
    }
}
