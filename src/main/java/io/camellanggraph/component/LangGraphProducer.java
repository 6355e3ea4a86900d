package io.camellanggraph.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.client.LangGraphWebhookUrlRefusedException;
import io.camellanggraph.client.Run;
import io.camellanggraph.client.StreamResult;
import io.camellanggraph.store.PendingRun;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * {@code to: langgraph:<operation>}: one LangGraph API call per exchange. Answers are JSON text in the body with
 * the run's identity in headers. Runs sent with {@code webhook=auto} carry this app's callback URL and are
 * recorded as pending, before the server is asked to create them ({@link PendingRunRecorder}), until their outcome
 * is routed; with {@code awaitWebhook=true} the exchange itself waits (asynchronously) for that outcome.
 *
 * <p>Longer than 300 lines because it dispatches every operation of {@link LangGraphOperation} (one short method
 * each, as Camel's producers do); the request building lives in {@link RunRequests}.
 */
public class LangGraphProducer extends DefaultAsyncProducer {

    private static final Pattern CALLBACK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private final LangGraphEndpoint endpoint;
    private final LangGraphConfiguration configuration;
    private final LangGraphOperation operation;
    private ObjectMapper mapper;

    public LangGraphProducer(LangGraphEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
        this.operation = endpoint.getOperation();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        mapper = endpoint.getComponent().mapper();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            RunRequests requests = new RunRequests(configuration, mapper, exchange);
            if (operation == LangGraphOperation.run && configuration.isAwaitWebhook()) {
                return startAndAwait(exchange, requests, callback);
            }
            invoke(exchange, requests, endpoint.client());
        } catch (LangGraphWebhookUrlRefusedException e) {
            endpoint.getComponent().webhookUrlStatus().refused(e);
            exchange.setException(e);
        } catch (Exception e) {
            exchange.setException(e);
        }
        callback.done(true);
        return true;
    }

    private void invoke(Exchange exchange, RunRequests requests, LangGraphClient client) throws Exception {
        Message message = exchange.getMessage();
        switch (operation) {
            case run -> {
                RunTarget target = runTarget(requests);
                String cid = webhook(target.request, requests, target.threadId == null);
                Run run = createRecorded(cid, target.threadId, requests, () -> client.createRun(target.threadId, target.request));
                started(target.request);
                reply(message, run);
            }
            case wait -> {
                RunTarget target = runTarget(requests);
                requests.putText(target.request, "on_disconnect", "onDisconnect", configuration.getOnDisconnect());
                webhook(target.request, requests, target.threadId == null);
                JsonNode values = client.waitRun(target.threadId, target.request);
                started(target.request);
                message.setBody(values == null ? null : values.toString());
                message.setHeader(LangGraphConstants.THREAD_ID, target.threadId);
            }
            case stream -> {
                RunTarget target = runTarget(requests);
                requests.putText(target.request, "on_disconnect", "onDisconnect", configuration.getOnDisconnect());
                webhook(target.request, requests, target.threadId == null);
                StreamResult result = client.streamRun(target.threadId, target.request);
                started(target.request);
                message.setBody(mapper.writeValueAsString(result));
                message.setHeader(LangGraphConstants.RUN_ID, result.runId());
                message.setHeader(LangGraphConstants.THREAD_ID, target.threadId);
            }
            case batch -> batch(message, requests, client);
            case cron -> {
                String threadId = requests.text("threadId", configuration.getThreadId());
                ObjectNode request = requests.runFields(requests.input());
                requests.cronFields(request);
                if (threadId != null) {
                    requests.putText(request, "multitask_strategy", "multitaskStrategy", configuration.getMultitaskStrategy());
                }
                webhook(request, requests, threadId == null);
                JsonNode cron = client.createCron(threadId, request);
                if (request.hasNonNull("webhook")) {
                    endpoint.getComponent().webhookUrlStatus().accepted();
                }
                message.setBody(cron.toString());
                message.setHeader(LangGraphConstants.CRON_ID, cron.path("cron_id").asText(null));
            }
            case cronSearch -> message.setBody(mapper.valueToTree(client.searchCrons(cronQuery(requests, true))).toString());
            case cronCount -> message.setBody(client.countCrons(cronQuery(requests, false)));
            case cronGet -> message.setBody(client.getCron(required(requests, "cronId", configuration.getCronId())).toString());
            case cronUpdate -> {
                ObjectNode patch = mapper.createObjectNode();
                JsonNode input = requests.input();
                if (input != null && !input.isNull()) {
                    patch.set("input", input);
                }
                requests.cronFields(patch);
                requests.putJson(patch, "metadata", "metadata", configuration.getMetadata());
                requests.putJson(patch, "config", "config", configuration.getConfig());
                requests.putJson(patch, "context", "context", configuration.getContext());
                requests.streamAndInterruptFields(patch);
                message.setBody(client.updateCron(required(requests, "cronId", configuration.getCronId()), patch).toString());
            }
            case cronDelete -> {
                client.deleteCron(required(requests, "cronId", configuration.getCronId()));
                message.setBody(null);
            }
            case getRun -> reply(message, client.getRun(required(requests, "threadId", configuration.getThreadId()),
                    required(requests, "runId", configuration.getRunId())));
            case joinRun -> message.setBody(client.joinRun(required(requests, "threadId", configuration.getThreadId()),
                    required(requests, "runId", configuration.getRunId())).toString());
            case cancelRun -> {
                client.cancelRun(required(requests, "threadId", configuration.getThreadId()),
                        required(requests, "runId", configuration.getRunId()),
                        requests.text("cancelAction", configuration.getCancelAction()),
                        Boolean.parseBoolean(requests.text("cancelWait", configuration.isCancelWait())));
                message.setBody(null);
            }
            case createThread -> {
                JsonNode body = requests.input();
                ObjectNode request = body instanceof ObjectNode o ? o : mapper.createObjectNode();
                requests.putJson(request, "metadata", "metadata", configuration.getMetadata());
                JsonNode thread = client.createThread(request);
                message.setBody(thread.toString());
                message.setHeader(LangGraphConstants.THREAD_ID, thread.path("thread_id").asText(null));
            }
            case getThreadState -> message.setBody(
                    client.getThreadState(required(requests, "threadId", configuration.getThreadId())).toString());
            case info -> message.setBody(client.info().toString());
            case pauseSchedule, resumeSchedule, runSchedule -> ScheduleOperations.apply(endpoint, operation, message);
            case resume -> new ResumeCall(endpoint, configuration, mapper).answer(message, requests);
            default -> throw new IllegalStateException("langgraph:" + operation + " is not a producer operation");
        }
    }

    /** awaitWebhook: the waiter is registered before the run exists, since its callback can beat the create response. */
    private boolean startAndAwait(Exchange exchange, RunRequests requests, AsyncCallback callback) throws Exception {
        RunTarget target = runTarget(requests);
        String cid = webhook(target.request, requests, target.threadId == null);
        if (cid == null) {
            throw new IllegalArgumentException("langgraph: awaitWebhook needs webhook=auto");
        }
        CallbackHub hub = endpoint.hub();
        // no consumer route may exist for this name: the receiver must still accept its callbacks
        long timeout = configuration.getAwaitTimeout();
        hub.allowAwaitOnly(callbackName(requests), timeout);
        String[] runId = new String[1];
        hub.correlator().await(cid, timeout, delivery -> {
            RunHeaders.set(exchange.getMessage(), delivery);
            endpoint.getComponent().resumeBinding().decorate(exchange.getMessage(), delivery,
                    io.camellanggraph.resume.ExpiryPolicy.NEVER);
            callback.done(false);
        }, () -> {
            exchange.setException(new LangGraphAwaitTimeoutException(runId[0], cid, timeout));
            callback.done(false);
        }, () -> {
            exchange.setException(new LangGraphAwaitStoppedException(runId[0], cid));
            callback.done(false);
        });
        try {
            Run run = createRecorded(cid, target.threadId, requests,
                    () -> endpoint.client().createRun(target.threadId, target.request));
            started(target.request);
            runId[0] = run.runId();
        } catch (RuntimeException e) {
            hub.correlator().cancel(cid);
            throw e;
        }
        return false;
    }

    private void batch(Message message, RunRequests requests, LangGraphClient client) throws Exception {
        JsonNode inputs = requests.input();
        if (inputs == null || !inputs.isArray()) {
            throw new IllegalArgumentException("langgraph:batch needs a JSON array body: one run input per element");
        }
        ArrayNode batch = mapper.createArrayNode();
        List<String> cids = new ArrayList<>();
        for (JsonNode input : inputs) {
            ObjectNode request = requests.runFields(input);
            requests.runOnlyFields(request);
            requests.putText(request, "on_completion", "onCompletion", configuration.getOnCompletion());
            cids.add(webhook(request, requests, true));
            batch.add(request);
        }
        List<PendingRun> rows = new ArrayList<>();
        cids.stream().filter(Objects::nonNull).forEach(cid -> rows.add(pendingRow(cid, null, requests)));
        List<Run> runs = recorder().create(rows, () -> client.createBatch(batch));
        batch.forEach(request -> started((ObjectNode) request));
        ArrayNode answer = mapper.createArrayNode();
        runs.forEach(run -> answer.add(run.json()));
        message.setBody(answer.toString());
    }

    /** Counts a started run for its assistant (metrics: runs started per assistant). */
    private void started(ObjectNode request) {
        endpoint.getComponent().runsStarted().increment(request.path("assistant_id").asText("unknown"));
        if (request.hasNonNull("webhook")) {
            endpoint.getComponent().webhookUrlStatus().accepted();
        }
    }

    private record RunTarget(String threadId, ObjectNode request) {
    }

    /** Thread or stateless target and the fields that depend on it. */
    private RunTarget runTarget(RunRequests requests) {
        String threadId = requests.text("threadId", configuration.getThreadId());
        ObjectNode request = requests.runFields(requests.input());
        requests.runOnlyFields(request);
        if (threadId != null && !threadId.isBlank()) {
            requests.checkpointFields(request);
            if ("new".equals(threadId)) {
                threadId = UUID.randomUUID().toString();
                request.put("if_not_exists", "create");
            } else {
                requests.putText(request, "if_not_exists", "ifNotExists", configuration.getIfNotExists());
            }
            requests.putText(request, "multitask_strategy", "multitaskStrategy", configuration.getMultitaskStrategy());
            return new RunTarget(threadId, request);
        }
        requests.putText(request, "on_completion", "onCompletion", configuration.getOnCompletion());
        return new RunTarget(null, request);
    }

    private String webhookMode(String configured) {
        if (configured == null || configured.isBlank()) {
            return operation.webhookByDefault() ? "auto" : "none";
        }
        return configured;
    }

    /**
     * Sets the request's webhook. With {@code auto}: a fresh correlation id in the URL (with its token) and in the
     * metadata; a stateless run or cron keeps its thread (unless told otherwise) so its values reach the route,
     * and is marked for clean-up after routing. Returns the correlation id, or null when no callback comes here.
     */
    private String webhook(ObjectNode request, RunRequests requests, boolean stateless) throws Exception {
        String mode = webhookMode(requests.text("webhook", configuration.getWebhook()));
        if ("none".equals(mode)) {
            return null;
        }
        if (!"auto".equals(mode)) {
            request.put("webhook", mode);
            return null;
        }
        String cid = UUID.randomUUID().toString();
        // the first call starts the receiver, before any run exists: a callback can come back within milliseconds
        request.put("webhook", endpoint.hub().callbackUrl(callbackName(requests), cid));
        ObjectNode metadata = (ObjectNode) request.get("metadata");
        metadata.put(CallbackHub.CORRELATION_METADATA, cid);
        if (operation != LangGraphOperation.cron) {
            // the outcome's route joins this exchange's trace; a cron's runs are not part of the exchange that made it
            TraceContext.toMetadata(requests.message(), metadata);
        }
        String completionField = operation == LangGraphOperation.cron ? "on_run_completed" : "on_completion";
        if (stateless && !request.has(completionField)) {
            request.put(completionField, "keep");
            metadata.put(CallbackHub.CLEANUP_METADATA, "true");
        }
        return cid;
    }

    /** Creates one run, recorded as pending before the create when its callback comes here ({@code cid} not null). */
    private Run createRecorded(String cid, String threadId, RunRequests requests, Supplier<Run> create) throws Exception {
        if (cid == null) {
            return create.get();
        }
        return recorder().create(List.of(pendingRow(cid, threadId, requests)), () -> List.of(create.get())).get(0);
    }

    /** What is known before the create: the run's id (and a stateless run's thread) come with the server's answer. */
    private PendingRun pendingRow(String cid, String threadId, RunRequests requests) {
        return new PendingRun(cid, null, threadId, callbackName(requests), System.currentTimeMillis(), null);
    }

    private PendingRunRecorder recorder() throws Exception {
        return new PendingRunRecorder(endpoint.hub().store());
    }

    private String callbackName(RunRequests requests) {
        String name = requests.text("callback", configuration.getCallback());
        if (name == null || name.isEmpty()) {
            return "";
        }
        if (!CALLBACK_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("langgraph: callback name '" + name + "' must match " + CALLBACK_NAME);
        }
        return name;
    }

    private ObjectNode cronQuery(RunRequests requests, boolean paged) {
        JsonNode body = requests.input();
        ObjectNode query = body instanceof ObjectNode o ? o : mapper.createObjectNode();
        requests.putText(query, "assistant_id", "assistantId", configuration.getAssistantId());
        requests.putText(query, "thread_id", "threadId", configuration.getThreadId());
        requests.putJson(query, "metadata", "metadata", configuration.getMetadata());
        requests.putBoolean(query, "enabled", "enabled", configuration.getEnabled());
        if (paged) {
            query.put("limit", Integer.parseInt(requests.text("limit", configuration.getLimit())));
            query.put("offset", Integer.parseInt(requests.text("offset", configuration.getOffset())));
        }
        return query;
    }

    private static String required(RunRequests requests, String option, String configured) {
        String value = requests.text(option, configured);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("langgraph: option " + option + " (or header " + RunRequests.headerName(option)
                    + ") is required for this operation");
        }
        return value;
    }

    private void reply(Message message, Run run) {
        message.setBody(run.json().toString());
        RunHeaders.set(message, run);
    }
}
