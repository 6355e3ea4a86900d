package io.camellanggraph.component;

import org.apache.camel.spi.Metadata;

/**
 * Header names, listed in the component's catalog metadata. The producer reads each of its options from a header named
 * {@code CamelLangGraph} + the option name with a capital first letter when the message has one (e.g.
 * {@code CamelLangGraphAssistantId}, {@code CamelLangGraphMultitaskStrategy}); producers and consumers set the run's
 * headers (run id, status, ...).
 */
public final class LangGraphConstants {

    public static final String HEADER_PREFIX = "CamelLangGraph";

    @Metadata(description = "Camel-side schedules (`langgraph:schedule/<name>`): on a tick skipped because the previous run"
            + " of the schedule has not ended, that run's id.", javaType = "String")
    public static final String PREVIOUS_RUN_ID = "CamelLangGraphPreviousRunId";
    @Metadata(description = "Camel-side schedules: on a skipped tick, the status of the run it waited for.", javaType = "String")
    public static final String PREVIOUS_RUN_STATUS = "CamelLangGraphPreviousRunStatus";

    @Metadata(description = "The run id: set on every run; the producer's input for getRun, joinRun and cancelRun.",
              javaType = "String")
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
    @Metadata(description = "Routed outcomes: the key that is the same on every delivery of one outcome (its run id; one"
            + " outcome is routed per run). Outputs that must not see a redelivery twice de-duplicate on it (the shipped"
            + " routes: JMS duplicate id, file name, mail Message-ID, digest).", javaType = "String")
    public static final String IDEMPOTENCY_KEY = "CamelLangGraphIdempotencyKey";
    @Metadata(description = "The thread's pending interrupts as JSON (interrupt() payloads {id, value}, each with its"
            + " resume_handle and resume_url; or the next nodes for interrupt_before).",
              javaType = "String")
    public static final String INTERRUPTS = "CamelLangGraphInterrupts";
    @Metadata(description = "With exactly one pending interrupt: its resume handle, the credential that answers it once"
            + " (langgraph:resume, the resume URL, the decisions queue). Never log it.", javaType = "String")
    public static final String RESUME_HANDLE = "CamelLangGraphResumeHandle";
    @Metadata(description = "With exactly one pending interrupt: its resume URL, <webhook base URL><resumePath>/<handle>;"
            + " GET shows the question, POST answers.", javaType = "String")
    public static final String RESUME_URL = "CamelLangGraphResumeUrl";
    @Metadata(description = "langgraph:resume: who answered (kept with the decision); a resumed outcome's route sees the"
            + " decision's resume run id in CamelLangGraphRunId.", javaType = "String")
    public static final String RESUMED_BY = "CamelLangGraphResumedBy";
    @Metadata(description = "langgraph:resume: the interrupt answered (set on the reply; without a handle the interrupt"
            + " is named only by the endpoint URI's interruptId option, never by this header).", javaType = "String")
    public static final String INTERRUPT_ID = "CamelLangGraphInterruptId";
    @Metadata(description = "The server's error of a run that did not succeed (error, timeout, and interrupted or rollback"
            + " when cancelled or superseded by a multitask strategy), as `Class: message`; string and {error, message}"
            + " shapes both read.", javaType = "String")
    public static final String ERROR = "CamelLangGraphError";
    @Metadata(description = "The class of the run's error, e.g. `ValueError`, `TimeoutError`, `UserInterrupt` (cancelled or"
            + " superseded), `UserRollback`; absent when the server sends its error as a plain string (JS server).",
              javaType = "String")
    public static final String ERROR_TYPE = "CamelLangGraphErrorType";
    @Metadata(description = "Name of the server-side cron (langgraph:cron/<name>) whose run this is.", javaType = "String")
    public static final String CRON_NAME = "CamelLangGraphCronName";
    @Metadata(description = "The cron id: set by cron; the producer's input for cronGet, cronUpdate and cronDelete.",
              javaType = "String")
    public static final String CRON_ID = "CamelLangGraphCronId";
    @Metadata(description = "When the run ended (ISO-8601), as the server reported it.", javaType = "String")
    public static final String RUN_ENDED_AT = "CamelLangGraphRunEndedAt";

    @Metadata(label = "consumer", description = "langgraph:schedule: the scheduled time of the tick (ISO-8601), also of a tick"
            + " caught up after downtime, buffered, jittered or run now; the run's metadata carries it as"
            + " camel_langgraph_scheduled_at.", javaType = "String")
    public static final String SCHEDULED_FIRE_TIME = "CamelLangGraphScheduledFireTime";
    @Metadata(label = "consumer", description = "langgraph:schedule: the schedule's name.", javaType = "String")
    public static final String SCHEDULE_NAME = "CamelLangGraphScheduleName";
    @Metadata(label = "consumer", description = "langgraph:schedule: the tick's fate as recorded: fired, caught-up or manual.",
              javaType = "String")
    public static final String TICK_FATE = "CamelLangGraphTickFate";
    @Metadata(label = "consumer", description = "langgraph:schedule: the input (JSON) a run-now gave in place of the schedule's;"
            + " the run producer takes it as the run input instead of the body.", javaType = "String")
    public static final String SCHEDULE_INPUT = "CamelLangGraphScheduleInput";

    // producer inputs: each overrides the endpoint option of the same name for one message (see the option for its values)

    @Metadata(label = "producer", description = "Run config as JSON (option config).", javaType = "String")
    public static final String CONFIG = "CamelLangGraphConfig";
    @Metadata(label = "producer", description = "Static run context as JSON (option context).", javaType = "String")
    public static final String CONTEXT = "CamelLangGraphContext";
    @Metadata(label = "producer", description = "Run or cron metadata as JSON (option metadata).", javaType = "String")
    public static final String METADATA = "CamelLangGraphMetadata";
    @Metadata(label = "producer", description = "Command as JSON, e.g. {\"resume\": ...} (option command).", javaType = "String")
    public static final String COMMAND = "CamelLangGraphCommand";
    @Metadata(label = "producer", description = "What a busy thread does with the run (option multitaskStrategy).",
              javaType = "String", enums = "reject,rollback,interrupt,enqueue")
    public static final String MULTITASK_STRATEGY = "CamelLangGraphMultitaskStrategy";
    @Metadata(label = "producer", description = "Create the thread when missing (option ifNotExists).", javaType = "String",
              enums = "create,reject")
    public static final String IF_NOT_EXISTS = "CamelLangGraphIfNotExists";
    @Metadata(label = "producer", description = "Stateless runs: delete or keep the thread (option onCompletion).",
              javaType = "String", enums = "delete,keep")
    public static final String ON_COMPLETION = "CamelLangGraphOnCompletion";
    @Metadata(label = "producer", description = "wait and stream: what the run does when this client disconnects (option onDisconnect).",
              javaType = "String", enums = "cancel,continue")
    public static final String ON_DISCONNECT = "CamelLangGraphOnDisconnect";
    @Metadata(label = "producer", description = "Checkpoint durability of the run (option durability).", javaType = "String",
              enums = "sync,async,exit")
    public static final String DURABILITY = "CamelLangGraphDurability";
    @Metadata(label = "producer", description = "Stream modes, comma separated (option streamMode).", javaType = "String")
    public static final String STREAM_MODE = "CamelLangGraphStreamMode";
    @Metadata(label = "producer", description = "Also stream events of subgraphs (option streamSubgraphs).", javaType = "Boolean")
    public static final String STREAM_SUBGRAPHS = "CamelLangGraphStreamSubgraphs";
    @Metadata(label = "producer", description = "Nodes to interrupt before (option interruptBefore).", javaType = "String")
    public static final String INTERRUPT_BEFORE = "CamelLangGraphInterruptBefore";
    @Metadata(label = "producer", description = "Nodes to interrupt after (option interruptAfter).", javaType = "String")
    public static final String INTERRUPT_AFTER = "CamelLangGraphInterruptAfter";
    @Metadata(label = "producer", description = "Keep the stream resumable on the server (option streamResumable).",
              javaType = "Boolean")
    public static final String STREAM_RESUMABLE = "CamelLangGraphStreamResumable";
    @Metadata(label = "producer", description = "LangSmith feedback keys, comma separated (option feedbackKeys).", javaType = "String")
    public static final String FEEDBACK_KEYS = "CamelLangGraphFeedbackKeys";
    @Metadata(label = "producer", description = "Thread runs: the checkpoint to start from as JSON (option checkpoint).",
              javaType = "String")
    public static final String CHECKPOINT = "CamelLangGraphCheckpoint";
    @Metadata(label = "producer", description = "Thread runs: id of the checkpoint to start from (option checkpointId).",
              javaType = "String")
    public static final String CHECKPOINT_ID = "CamelLangGraphCheckpointId";
    @Metadata(label = "producer", description = "Checkpoint after every step (option checkpointDuring).", javaType = "Boolean")
    public static final String CHECKPOINT_DURING = "CamelLangGraphCheckpointDuring";
    @Metadata(label = "producer", description = "LangSmith tracing target as JSON {project_name, example_id} (option langsmithTracing).",
              javaType = "String")
    public static final String LANGSMITH_TRACING = "CamelLangGraphLangsmithTracing";
    @Metadata(label = "producer", description = "Seconds to wait before the run starts (option afterSeconds).", javaType = "Integer")
    public static final String AFTER_SECONDS = "CamelLangGraphAfterSeconds";
    @Metadata(label = "producer", description = "Webhook sent with the run: auto, none or a URL (option webhook).", javaType = "String")
    public static final String WEBHOOK = "CamelLangGraphWebhook";
    @Metadata(label = "producer", description = "Cron schedule, 5-field Unix syntax (option schedule).", javaType = "String")
    public static final String SCHEDULE = "CamelLangGraphSchedule";
    @Metadata(label = "producer", description = "IANA time zone of the cron schedule (option timezone).", javaType = "String")
    public static final String TIMEZONE = "CamelLangGraphTimezone";
    @Metadata(label = "producer", description = "ISO-8601 time after which the cron stops firing (option endTime).", javaType = "String")
    public static final String END_TIME = "CamelLangGraphEndTime";
    @Metadata(label = "producer", description = "Whether the cron fires (option enabled).", javaType = "Boolean")
    public static final String ENABLED = "CamelLangGraphEnabled";
    @Metadata(label = "producer", description = "Stateless crons: delete or keep each run's thread (option onRunCompleted).",
              javaType = "String", enums = "delete,keep")
    public static final String ON_RUN_COMPLETED = "CamelLangGraphOnRunCompleted";
    @Metadata(label = "producer", description = "cancelRun: interrupt or rollback (option cancelAction).", javaType = "String",
              enums = "interrupt,rollback")
    public static final String CANCEL_ACTION = "CamelLangGraphCancelAction";
    @Metadata(label = "producer", description = "cancelRun: wait until the run is cancelled (option cancelWait).", javaType = "Boolean")
    public static final String CANCEL_WAIT = "CamelLangGraphCancelWait";
    @Metadata(label = "producer", description = "cronSearch: maximum crons returned (option limit).", javaType = "Integer")
    public static final String LIMIT = "CamelLangGraphLimit";
    @Metadata(label = "producer", description = "cronSearch: how many crons to skip (option offset).", javaType = "Integer")
    public static final String OFFSET = "CamelLangGraphOffset";

    private LangGraphConstants() {
    }
}
