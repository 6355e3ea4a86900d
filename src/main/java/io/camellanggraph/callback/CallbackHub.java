package io.camellanggraph.callback;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.client.LangGraphApiException;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.client.Run;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.InboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callback path of one component: builds callback URLs, takes verified outcomes into the durable inbox
 * (de-duplicated), and routes each one afterwards, to the exchange waiting for it or to the consumer of its
 * callback name. Outcomes a restart left unrouted are routed once the consumers are back.
 */
public final class CallbackHub {

    /** Metadata key marking a thread this app kept only to read its values and deletes after routing. */
    public static final String CLEANUP_METADATA = "camel_langgraph_cleanup";
    /** Metadata key carrying the correlation id, so a run can be found again without its webhook. */
    public static final String CORRELATION_METADATA = "camel_langgraph_cid";

    private static final Logger LOG = LoggerFactory.getLogger(CallbackHub.class);

    private final LangGraphClient client;
    private final CallbackStore store;
    private final CallbackTokens tokens;
    private final String receiverUrl;
    private final ExecutorService dispatcher;
    private final Correlator correlator;
    private final ObjectMapper mapper;
    private final boolean detectInterrupts;
    private final CallbackCounters counters = new CallbackCounters();
    private final Map<String, CallbackListener> listeners = new ConcurrentHashMap<>();
    private final Set<String> awaitOnlyNames = ConcurrentHashMap.newKeySet();
    /** Dedup keys being routed right now: a rescan of the inbox must not route them a second time. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    public CallbackHub(LangGraphClient client, CallbackStore store, CallbackTokens tokens, String receiverUrl,
                       ExecutorService dispatcher, Correlator correlator, boolean detectInterrupts) {
        this.client = client;
        this.store = store;
        this.tokens = tokens;
        this.receiverUrl = receiverUrl.endsWith("/") ? receiverUrl.substring(0, receiverUrl.length() - 1) : receiverUrl;
        this.dispatcher = dispatcher;
        this.correlator = correlator;
        this.mapper = client.mapper();
        this.detectInterrupts = detectInterrupts;
    }

    /** The URL given to LangGraph as {@code webhook}: receiver path, callback name, correlation id and token. */
    public String callbackUrl(String callbackName, String correlationId) {
        return receiverUrl + (callbackName.isEmpty() ? "" : "/" + callbackName)
                + "?cid=" + URLEncoder.encode(correlationId, StandardCharsets.UTF_8)
                + "&token=" + tokens.token(callbackName, correlationId);
    }

    public CallbackTokens tokens() {
        return tokens;
    }

    public Correlator correlator() {
        return correlator;
    }

    public CallbackStore store() {
        return store;
    }

    public CallbackCounters counters() {
        return counters;
    }

    public LangGraphClient client() {
        return client;
    }

    /** A consumer takes this callback name's outcomes; what is already waiting in the inbox for it is routed now. */
    public void register(String callbackName, CallbackListener listener) {
        if (listeners.putIfAbsent(callbackName, listener) != null) {
            throw new IllegalStateException("callback '" + callbackName + "' already has a consumer");
        }
        routeUnrouted();
    }

    public void unregister(String callbackName, CallbackListener listener) {
        listeners.remove(callbackName, listener);
    }

    /** A producer awaits outcomes under this name without a consumer route: the receiver must accept it. */
    public void allowAwaitOnly(String callbackName) {
        awaitOnlyNames.add(callbackName);
    }

    public boolean isKnown(String callbackName) {
        return listeners.containsKey(callbackName) || awaitOnlyNames.contains(callbackName);
    }

    /** Result of {@link #accept}. */
    public enum Acceptance { ACCEPTED, DUPLICATE }

    /**
     * Records an outcome durably and schedules its routing; returns once the record reached the store. The
     * dedup key is run id plus status, so re-sent webhooks and a poll racing a late webhook count once.
     */
    public Acceptance accept(String callbackName, String correlationId, ObjectNode runJson, String source) {
        Run run = Run.of(Redaction.redactRun(runJson));
        InboxEntry entry = new InboxEntry(run.runId() + ":" + run.status(), callbackName, correlationId, source,
                write(run.json()), System.currentTimeMillis());
        boolean recorded = store.record(entry);
        if (!recorded) {
            counters.increment("duplicate");
            return Acceptance.DUPLICATE;
        }
        counters.increment("accepted." + source);
        dispatcher.execute(() -> route(entry, run, false));
        return Acceptance.ACCEPTED;
    }

    /** verifyRun: the server knows this run, in this thread, with this outcome. */
    public boolean confirmedByServer(Run claimed) {
        if (claimed.threadId() == null) {
            return false;
        }
        try {
            return client.getRun(claimed.threadId(), claimed.runId()).status().equals(claimed.status());
        } catch (LangGraphApiException e) {
            LOG.debug("Run {} not confirmed: {}", claimed.runId(), e.getMessage());
            return false;
        }
    }

    /** Routes what the inbox still holds (after a restart, or when a consumer registers). */
    public void routeUnrouted() {
        dispatcher.execute(() -> {
            for (InboxEntry entry : store.unrouted(10_000)) {
                if (listeners.containsKey(entry.callback())) {
                    route(entry, Run.of(read(entry.body())), true);
                }
            }
        });
    }

    /** Operator replay of a failed outcome: routed again, once. */
    public boolean replay(String dedupKey) {
        if (!store.requeue(dedupKey)) {
            return false;
        }
        counters.increment("replayed");
        routeUnrouted();
        return true;
    }

    private void route(InboxEntry entry, Run run, boolean fromScan) {
        if (!inFlight.add(entry.dedupKey())) {
            return;
        }
        if (fromScan && !store.isPending(entry.dedupKey())) {
            // routed by someone else between the scan and now (they held it in flight until it was marked routed)
            inFlight.remove(entry.dedupKey());
            return;
        }
        CallbackDelivery delivery = enrich(entry, run);
        // replays and restart rescans are left out: their age is the operator's, not the app's
        long receivedAt = fromScan ? -1 : entry.receivedAt();
        if (correlator.complete(entry.correlationId(), delivery)) {
            dispatched(receivedAt);
            routed(entry, run);
            return;
        }
        CallbackListener listener = listeners.get(entry.callback());
        if (listener == null) {
            // kept in the inbox: routed when a consumer for this name starts, or replayed by an operator
            inFlight.remove(entry.dedupKey());
            LOG.warn("No route consumes callback '{}'; run {} kept in the inbox", entry.callback(), run.runId());
            return;
        }
        dispatched(receivedAt);
        listener.deliver(delivery, failure -> {
            if (failure == null) {
                routed(entry, run);
            } else {
                inFlight.remove(entry.dedupKey());
                counters.increment("failed");
                String reason = Redaction.maskUrl(failure.toString());
                LOG.warn("Route of callback '{}' failed for run {}: {}", entry.callback(), run.runId(), reason);
                store.markFailed(entry.dedupKey(), reason);
            }
        });
    }

    /** App-added latency: from the outcome's receipt (durably recorded) to its hand-over to a route or waiting exchange. */
    private void dispatched(long receivedAt) {
        if (receivedAt < 0) {
            return;
        }
        counters.add("dispatch.ms", Math.max(0, System.currentTimeMillis() - receivedAt));
        counters.increment("dispatch.count");
    }

    private void routed(InboxEntry entry, Run run) {
        // its run is pending no more: removed in the same transaction, off the receiving path
        store.markRouted(entry.dedupKey(), entry.correlationId(), null);
        inFlight.remove(entry.dedupKey());
        counters.increment("routed");
        if ("true".equals(run.metadata(CLEANUP_METADATA)) && run.threadId() != null) {
            try {
                client.deleteThread(run.threadId());
            } catch (LangGraphApiException e) {
                LOG.debug("Thread {} kept for its values could not be deleted: {}", run.threadId(), e.getMessage());
            }
        }
    }

    /** Adds what the webhook leaves out: whether a "successful" run actually stopped at an interrupt. */
    private CallbackDelivery enrich(InboxEntry entry, Run run) {
        if (!detectInterrupts || !"success".equals(run.status()) || run.threadId() == null) {
            return new CallbackDelivery(entry, run, false, null);
        }
        try {
            JsonNode state = client.getThreadState(run.threadId());
            JsonNode interrupts = collectInterrupts(state);
            return new CallbackDelivery(entry, run, interrupts != null, interrupts);
        } catch (LangGraphApiException e) {
            // a deleted thread (temporary run) cannot be interrupted any more
            LOG.debug("Thread state of run {} unavailable: {}", run.runId(), e.getMessage());
            return new CallbackDelivery(entry, run, false, null);
        }
    }

    /** The interrupts of the thread's pending tasks, or null when the thread is not waiting at one. */
    static JsonNode collectInterrupts(JsonNode state) {
        if (state == null || state.path("next").isEmpty()) {
            return null;
        }
        com.fasterxml.jackson.databind.node.ArrayNode all = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (JsonNode task : state.path("tasks")) {
            task.path("interrupts").forEach(all::add);
        }
        // interrupt_before stops at a node without an interrupt() payload: still interrupted
        return all.isEmpty() ? state.path("next") : all;
    }

    private String write(JsonNode json) {
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode read(String body) {
        try {
            return (ObjectNode) mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("inbox holds a body that is not JSON", e);
        }
    }
}
