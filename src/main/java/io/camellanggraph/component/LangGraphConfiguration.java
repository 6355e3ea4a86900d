package io.camellanggraph.component;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * Endpoint options. Each maps to one field of the LangGraph request (see the README's table); the message body
 * is the run's {@code input}; a header {@code CamelLangGraph<Option>} overrides an option for one message.
 */
@UriParams
public class LangGraphConfiguration implements Cloneable {

    @UriParam(label = "common", description = "Base URL of the LangGraph server (LangSmith Deployment or `langgraph dev`).")
    private String url;
    @UriParam(label = "common,security", secret = true, description = "API key, sent as the x-api-key header.")
    private String apiKey;

    @UriParam(label = "producer", description = "Assistant id (UUID) or graph name to run.")
    private String assistantId;
    @UriParam(label = "common", description = "Thread id. Empty: a stateless run or cron. `new`: a fresh thread,"
            + " created by the run itself (client-generated UUID with if_not_exists=create).")
    private String threadId;
    @UriParam(label = "producer", description = "Run id, for getRun, joinRun and cancelRun.")
    private String runId;
    @UriParam(label = "producer", description = "Cron id, for cronGet, cronUpdate and cronDelete.")
    private String cronId;
    @UriParam(label = "producer", description = "resume without a handle (trusted routes only): the id of the pending"
            + " interrupt to answer, with threadId and callback, all three from the endpoint URI (headers never name the"
            + " interrupt of a handle-less answer).")
    private String interruptId;
    @UriParam(label = "common", description = "Run config as JSON: {tags, recursion_limit, configurable}.")
    private String config;
    @UriParam(label = "common", description = "Static run context as JSON (not together with config.configurable).")
    private String context;
    @UriParam(label = "common", description = "Run or cron metadata as JSON; this app adds its correlation keys to it.")
    private String metadata;
    @UriParam(label = "consumer", description = "cron consumer: the input of each run as JSON (producers take the message body).")
    private String input;
    @UriParam(label = "producer", description = "Command as JSON, e.g. {\"resume\": ...} to resume an interrupted thread;"
            + " sent instead of an input when set.")
    private String command;
    @UriParam(label = "producer", enums = "reject,rollback,interrupt,enqueue",
              description = "What a thread that is busy does with this run (server default enqueue).")
    private String multitaskStrategy;
    @UriParam(label = "producer", enums = "create,reject",
              description = "What to do when the thread does not exist (server default reject; threadId=new sets create).")
    private String ifNotExists;
    @UriParam(label = "producer", enums = "delete,keep", description = "Stateless runs: delete or keep the temporary thread"
            + " when the run ends. When unset and webhook=auto, this app keeps it until the outcome is routed, then deletes it,"
            + " so the route gets the run's values.")
    private String onCompletion;
    @UriParam(label = "producer", enums = "cancel,continue", description = "wait and stream: what the run does when this"
            + " client disconnects (server default continue).")
    private String onDisconnect;
    @UriParam(label = "producer", description = "Seconds to wait before the run starts.")
    private Integer afterSeconds;
    @UriParam(label = "common", description = "Stream modes, comma separated (values, updates, messages, custom, debug, ...).")
    private String streamMode;
    @UriParam(label = "producer", description = "Also stream events of subgraphs.")
    private Boolean streamSubgraphs;
    @UriParam(label = "producer", description = "Nodes to interrupt before, comma separated, or `*`.")
    private String interruptBefore;
    @UriParam(label = "producer", description = "Nodes to interrupt after, comma separated, or `*`.")
    private String interruptAfter;
    @UriParam(label = "common", enums = "sync,async,exit", description = "Checkpoint durability of the run.")
    private String durability;
    @UriParam(label = "common", description = "Keep the run's stream events on the server so a client that reconnects"
            + " can resume the stream (API stream_resumable, server default false).")
    private Boolean streamResumable;
    @UriParam(label = "producer", description = "Runs: LangSmith feedback keys, comma separated; the server issues a"
            + " short-lived signed feedback URL per key (API feedback_keys).")
    private String feedbackKeys;
    @UriParam(label = "producer", description = "Thread runs: the checkpoint to start from as JSON, e.g."
            + " {\"checkpoint_id\": ..., \"checkpoint_ns\": \"\"} (API checkpoint). Default: the latest checkpoint.")
    private String checkpoint;
    @UriParam(label = "producer", description = "Thread runs: id of the checkpoint to start from (API checkpoint_id)."
            + " Default: the latest checkpoint.")
    private String checkpointId;
    @UriParam(label = "producer", description = "Runs: checkpoint after every step (API checkpoint_during, deprecated by"
            + " the servers in favour of durability, which wins when both are set).")
    private Boolean checkpointDuring;
    @UriParam(label = "producer", description = "Runs: where LangSmith traces go, as JSON {\"project_name\": ...,"
            + " \"example_id\": ...}; sent as the API's langsmith_tracer, as the SDKs' langsmith_tracing argument does.")
    private String langsmithTracing;

    @UriParam(label = "common", description = "Cron schedule, 5-field Unix syntax (UTC unless timezone is set). The schedule"
            + " consumer also takes Quartz expressions (6-7 fields, with seconds).")
    private String schedule;
    @UriParam(label = "common", description = "IANA time zone of the cron schedule, e.g. Europe/Berlin; UTC when not set (for"
            + " a schedule consumer too, whatever the JVM's zone). A schedule consumer with an unknown zone fails to start.")
    private String timezone;
    @UriParam(label = "consumer,schedule", enums = "none,last,all", defaultValue = "last", description = "schedule: the ticks"
            + " that fell due while no instance ran (found at start from the last recorded tick): none runs (all recorded"
            + " missed), the latest runs (last), or each runs (all), within catchUpWindow.")
    private String catchUp;
    @UriParam(label = "consumer,schedule", defaultValue = "1h", description = "schedule: how far back catch-up runs missed"
            + " ticks (e.g. 30m, 1h); older ones are recorded missed.")
    private String catchUpWindow;
    @UriParam(label = "consumer,schedule", enums = "skip,bufferOne,bufferAll,cancelOther,allowAll", defaultValue = "skip",
              description = "schedule: a tick while the schedule's previous run still runs on the server is skipped, kept"
            + " until that run ends (bufferOne keeps one, bufferAll up to bufferSize), fired after interrupting the running"
            + " run (cancelOther), or fired anyway (allowAll).")
    private String overlap;
    @UriParam(label = "consumer,schedule", defaultValue = "100", description = "schedule: most ticks overlap=bufferAll keeps.")
    private Integer bufferSize;
    @UriParam(label = "consumer,schedule", description = "schedule: a random delay up to this long (e.g. 30s) before a tick"
            + " fires, never past the next tick; the tick keeps its scheduled time and is recorded waiting until it fires"
            + " (after a restart, fired or caught up).")
    private String jitter;
    @UriParam(label = "consumer,schedule", description = "schedule: most runs of the schedule running at once on the server"
            + " (default 1, unlimited with overlap=allowAll); a tick beyond it follows the overlap policy.")
    private Integer maxConcurrentRuns;
    @UriParam(label = "consumer,schedule", description = "schedule: pause the schedule after this many failed ticks in a row"
            + " (run request refused after the route's retries); 0 never.")
    private Integer pauseAfterFailures;
    @UriParam(label = "common", description = "ISO-8601 time after which the cron stops firing.")
    private String endTime;
    @UriParam(label = "common", description = "Whether the cron fires.")
    private Boolean enabled;
    @UriParam(label = "common", enums = "delete,keep", description = "Stateless crons: delete or keep each run's thread."
            + " When unset and webhook=auto, this app keeps it until the outcome is routed, then deletes it.")
    private String onRunCompleted;

    @UriParam(label = "producer", description = "Webhook sent with the run: `auto` (this app's receiver, with a per-run"
            + " token; default for run, batch and cron), `none` (default for wait and stream), or an explicit URL.")
    private String webhook;
    @UriParam(label = "common", description = "Callback name: outcomes of runs started with callback=X arrive at"
            + " from(langgraph:webhook/X). Empty: the unnamed langgraph:webhook.")
    private String callback;
    @UriParam(label = "producer", description = "run: complete the exchange only when the run's callback arrives"
            + " (asynchronously, no thread held); the reply is the run with its values.")
    private boolean awaitWebhook;
    @UriParam(label = "producer", defaultValue = "600000", javaType = "java.time.Duration",
              description = "How long awaitWebhook waits for the callback before failing the exchange.")
    private long awaitTimeout = 600_000;
    @UriParam(label = "producer", enums = "interrupt,rollback", defaultValue = "interrupt",
              description = "cancelRun: interrupt keeps the run's checkpoints, rollback deletes the run.")
    private String cancelAction = "interrupt";
    @UriParam(label = "producer", description = "cancelRun: wait until the run is cancelled.")
    private boolean cancelWait;
    @UriParam(label = "producer", defaultValue = "100", description = "cronSearch: maximum crons returned (server max 1000).")
    private int limit = 100;
    @UriParam(label = "producer", description = "cronSearch: how many crons to skip.")
    private int offset;

    public LangGraphConfiguration copy() {
        try {
            return (LangGraphConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    // getters and setters

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getApiKey() { return apiKey; }
    public void setApiKey(String apiKey) { this.apiKey = apiKey; }
    public String getAssistantId() { return assistantId; }
    public void setAssistantId(String assistantId) { this.assistantId = assistantId; }
    public String getThreadId() { return threadId; }
    public void setThreadId(String threadId) { this.threadId = threadId; }
    public String getRunId() { return runId; }
    public void setRunId(String runId) { this.runId = runId; }
    public String getInterruptId() { return interruptId; }
    public void setInterruptId(String interruptId) { this.interruptId = interruptId; }
    public String getCronId() { return cronId; }
    public void setCronId(String cronId) { this.cronId = cronId; }
    public String getConfig() { return config; }
    public void setConfig(String config) { this.config = config; }
    public String getContext() { return context; }
    public void setContext(String context) { this.context = context; }
    public String getMetadata() { return metadata; }
    public void setMetadata(String metadata) { this.metadata = metadata; }
    public String getInput() { return input; }
    public void setInput(String input) { this.input = input; }
    public String getCommand() { return command; }
    public void setCommand(String command) { this.command = command; }
    public String getMultitaskStrategy() { return multitaskStrategy; }
    public void setMultitaskStrategy(String multitaskStrategy) { this.multitaskStrategy = multitaskStrategy; }
    public String getIfNotExists() { return ifNotExists; }
    public void setIfNotExists(String ifNotExists) { this.ifNotExists = ifNotExists; }
    public String getOnCompletion() { return onCompletion; }
    public void setOnCompletion(String onCompletion) { this.onCompletion = onCompletion; }
    public String getOnDisconnect() { return onDisconnect; }
    public void setOnDisconnect(String onDisconnect) { this.onDisconnect = onDisconnect; }
    public Integer getAfterSeconds() { return afterSeconds; }
    public void setAfterSeconds(Integer afterSeconds) { this.afterSeconds = afterSeconds; }
    public String getStreamMode() { return streamMode; }
    public void setStreamMode(String streamMode) { this.streamMode = streamMode; }
    public Boolean getStreamSubgraphs() { return streamSubgraphs; }
    public void setStreamSubgraphs(Boolean streamSubgraphs) { this.streamSubgraphs = streamSubgraphs; }
    public String getInterruptBefore() { return interruptBefore; }
    public void setInterruptBefore(String interruptBefore) { this.interruptBefore = interruptBefore; }
    public String getInterruptAfter() { return interruptAfter; }
    public void setInterruptAfter(String interruptAfter) { this.interruptAfter = interruptAfter; }
    public String getDurability() { return durability; }
    public void setDurability(String durability) { this.durability = durability; }
    public Boolean getStreamResumable() { return streamResumable; }
    public void setStreamResumable(Boolean streamResumable) { this.streamResumable = streamResumable; }
    public String getFeedbackKeys() { return feedbackKeys; }
    public void setFeedbackKeys(String feedbackKeys) { this.feedbackKeys = feedbackKeys; }
    public String getCheckpoint() { return checkpoint; }
    public void setCheckpoint(String checkpoint) { this.checkpoint = checkpoint; }
    public String getCheckpointId() { return checkpointId; }
    public void setCheckpointId(String checkpointId) { this.checkpointId = checkpointId; }
    public Boolean getCheckpointDuring() { return checkpointDuring; }
    public void setCheckpointDuring(Boolean checkpointDuring) { this.checkpointDuring = checkpointDuring; }
    public String getLangsmithTracing() { return langsmithTracing; }
    public void setLangsmithTracing(String langsmithTracing) { this.langsmithTracing = langsmithTracing; }
    public String getSchedule() { return schedule; }
    public void setSchedule(String schedule) { this.schedule = schedule; }
    public String getCatchUp() { return catchUp; }
    public void setCatchUp(String catchUp) { this.catchUp = catchUp; }
    public String getCatchUpWindow() { return catchUpWindow; }
    public void setCatchUpWindow(String catchUpWindow) { this.catchUpWindow = catchUpWindow; }
    public String getOverlap() { return overlap; }
    public void setOverlap(String overlap) { this.overlap = overlap; }
    public Integer getBufferSize() { return bufferSize; }
    public void setBufferSize(Integer bufferSize) { this.bufferSize = bufferSize; }
    public String getJitter() { return jitter; }
    public void setJitter(String jitter) { this.jitter = jitter; }
    public Integer getMaxConcurrentRuns() { return maxConcurrentRuns; }
    public void setMaxConcurrentRuns(Integer maxConcurrentRuns) { this.maxConcurrentRuns = maxConcurrentRuns; }
    public Integer getPauseAfterFailures() { return pauseAfterFailures; }
    public void setPauseAfterFailures(Integer pauseAfterFailures) { this.pauseAfterFailures = pauseAfterFailures; }
    public String getTimezone() { return timezone; }
    public void setTimezone(String timezone) { this.timezone = timezone; }
    public String getEndTime() { return endTime; }
    public void setEndTime(String endTime) { this.endTime = endTime; }
    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public String getOnRunCompleted() { return onRunCompleted; }
    public void setOnRunCompleted(String onRunCompleted) { this.onRunCompleted = onRunCompleted; }
    public String getWebhook() { return webhook; }
    public void setWebhook(String webhook) { this.webhook = webhook; }
    public String getCallback() { return callback; }
    public void setCallback(String callback) { this.callback = callback; }
    public boolean isAwaitWebhook() { return awaitWebhook; }
    public void setAwaitWebhook(boolean awaitWebhook) { this.awaitWebhook = awaitWebhook; }
    public long getAwaitTimeout() { return awaitTimeout; }
    public void setAwaitTimeout(long awaitTimeout) { this.awaitTimeout = awaitTimeout; }
    public String getCancelAction() { return cancelAction; }
    public void setCancelAction(String cancelAction) { this.cancelAction = cancelAction; }
    public boolean isCancelWait() { return cancelWait; }
    public void setCancelWait(boolean cancelWait) { this.cancelWait = cancelWait; }
    public int getLimit() { return limit; }
    public void setLimit(int limit) { this.limit = limit; }
    public int getOffset() { return offset; }
    public void setOffset(int offset) { this.offset = offset; }
}
