package io.camellanggraph.component;

import org.apache.camel.spi.Metadata;

/**
 * Header names. Every producer option can also be given per message as a header named
 * {@code CamelLangGraph} + the option name with a capital first letter (e.g. {@code CamelLangGraphAssistantId},
 * {@code CamelLangGraphMultitaskStrategy}); the headers listed here are the ones the component sets.
 */
public final class LangGraphConstants {

    public static final String HEADER_PREFIX = "CamelLangGraph";

    @Metadata(description = "The run id.", javaType = "String")
    public static final String RUN_ID = "CamelLangGraphRunId";
    @Metadata(description = "The thread id; on the producer, `new` starts a fresh thread.", javaType = "String")
    public static final String THREAD_ID = "CamelLangGraphThreadId";
    @Metadata(description = "The assistant id or graph name.", javaType = "String")
    public static final String ASSISTANT_ID = "CamelLangGraphAssistantId";
    @Metadata(description = "The run status: success, error, timeout, interrupted or rollback (pending, running while in progress).",
              javaType = "String")
    public static final String RUN_STATUS = "CamelLangGraphRunStatus";
    @Metadata(description = "The correlation id this app put in the webhook URL and the run's metadata.", javaType = "String")
    public static final String CORRELATION_ID = "CamelLangGraphCorrelationId";
    @Metadata(description = "The callback name the outcome was delivered under (empty for the unnamed callback).", javaType = "String")
    public static final String CALLBACK = "CamelLangGraphCallback";
    @Metadata(description = "How the outcome arrived: `webhook`, or `poll` when the reconciler recovered it from the server.",
              javaType = "String")
    public static final String SOURCE = "CamelLangGraphSource";
    @Metadata(description = "True when the run reported success but its thread waits at an interrupt (human in the loop).",
              javaType = "Boolean")
    public static final String INTERRUPTED = "CamelLangGraphInterrupted";
    /**
     * Routed outcomes: the key that is the same on every delivery of one outcome (its run id; one outcome is routed per
     * run). Outputs that must not see a redelivery twice de-duplicate on it.
     */
    public static final String IDEMPOTENCY_KEY = "CamelLangGraphIdempotencyKey";
    @Metadata(description = "The thread's pending interrupts as JSON (interrupt() payloads, or the next nodes for interrupt_before).",
              javaType = "String")
    public static final String INTERRUPTS = "CamelLangGraphInterrupts";
    @Metadata(description = "The run's error message when it failed (string and {error, message} shapes both read).",
              javaType = "String")
    public static final String ERROR = "CamelLangGraphError";
    @Metadata(description = "Name of the server-side cron (langgraph:cron/<name>) whose run this is.", javaType = "String")
    public static final String CRON_NAME = "CamelLangGraphCronName";
    @Metadata(description = "The cron id.", javaType = "String")
    public static final String CRON_ID = "CamelLangGraphCronId";
    @Metadata(description = "When the run ended (ISO-8601), as the server reported it.", javaType = "String")
    public static final String RUN_ENDED_AT = "CamelLangGraphRunEndedAt";

    private LangGraphConstants() {
    }
}
