package io.camellanggraph.app.ops;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.app.bridge.BridgeRequestStore;
import io.camellanggraph.app.bridge.BridgeRequests;
import io.camellanggraph.app.outputs.OutputsRepositories;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.callback.Redaction;
import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.RejectedRecord;
import io.camellanggraph.store.PendingRun;
import io.camellanggraph.store.UnconfirmedClaim;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.util.URISupport;
import org.quartz.SchedulerException;

/**
 * What the operator page and the {@code status} command show, as one JSON document: a one-line summary (server,
 * store, broker, counts), health, counters, the outcomes of the last hour per minute, the declared schedules, pending
 * runs with their age, the last deliveries (filtered), refused and unconfirmed claims, and dead letters (outcomes
 * whose route failed, bridge requests whose error reply could not be delivered). Also a run's detail, and the
 * operator's actions: replay of dead letters, "run now" of Quartz schedules.
 */
public final class OperatorView {

    private final CamelContext context;
    private final LangGraphComponent component;
    private final CallbackHub hub;
    private final AdminAccess admin;
    private final String broker;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ScheduleView schedules;
    private final DeliveryView deliveries;
    private final OutcomeChart chart;
    private final AwaitingView awaiting;
    private final TableView tables;

    /** @param broker the JMS broker as the summary names it (without credentials) */
    public OperatorView(CamelContext context, LangGraphComponent component, CallbackHub hub, ScheduleTracker tracker,
                        RunTimeline timeline, AdminAccess admin, String broker) {
        this.context = context;
        this.component = component;
        this.hub = hub;
        this.admin = admin;
        this.broker = broker;
        this.deliveries = new DeliveryView(mapper, timeline);
        this.schedules = new ScheduleView(context, component, hub, tracker, mapper, deliveries);
        this.chart = new OutcomeChart(mapper, timeline, deliveries);
        this.awaiting = new AwaitingView(component, mapper);
        this.tables = new TableView(context, mapper, System::currentTimeMillis);
    }

    public AdminAccess admin() {
        return admin;
    }

    /** The whole view; {@code limit} bounds each list, {@code filter} selects the deliveries. */
    ObjectNode status(int limit, DeliveryView.Filter filter) {
        long now = System.currentTimeMillis();
        ObjectNode status = mapper.createObjectNode();
        status.put("app", context.getName());
        status.put("generatedAt", now);
        status.put("adminEnabled", admin.enabled());
        status.putObject("summary").put("server", Redaction.maskUrl(URISupport.sanitizeUri(component.getConfiguration().getUrl())))
                .put("store", store()).put("broker", broker);
        status.set("health", health());
        status.set("counters", mapper.valueToTree(hub.counters().snapshot()));
        status.set("runsStarted", mapper.valueToTree(component.runsStarted().snapshot()));
        CallbackStore store = hub.store();
        ObjectNode queues = status.putObject("queues");
        try {
            Map<String, Integer> inbox = store.countByState();
            queues.put("pendingRuns", store.countPendingRuns());
            queues.put("inboxUnrouted", inbox.getOrDefault("pending", 0));
            queues.put("inboxFailed", inbox.getOrDefault("failed", 0));
            queues.put("inboxRouted", inbox.getOrDefault("routed", 0));
            // outcomes nobody could take (an awaitWebhook that timed out, no consumer): settled, never re-checked
            queues.put("inboxOrphaned", inbox.getOrDefault("orphaned", 0));
            queues.put("awaitingExchanges", hub.correlator().size());
            status.set("outcomesPerMinute", chart.lastHour(store, now));
            status.set("schedules", schedules.schedules(store));
            ArrayNode pending = status.putArray("pendingRuns");
            for (PendingRun run : store.pendingRunsOlderThan(Long.MAX_VALUE, limit)) {
                pending.addObject().put("runId", run.runId()).put("threadId", run.threadId()).put("callback", run.callback())
                        .put("createdAt", run.createdAt()).put("ageSeconds", Math.max(0, (now - run.createdAt()) / 1000));
            }
            status.set("awaitingInput", awaiting.awaiting(limit, now));
            status.set("deliveries", deliveries.deliveries(store, filter, limit));
            status.set("claims", claims(store, limit));
            ArrayNode dead = status.putArray("deadLetters");
            store.failed(limit).forEach(r -> dead.add(deliveries.delivery(r)));
            bridgeDeadLetters(queues, dead, limit);
            status.set("tables", tables.tables(store));
        } catch (RuntimeException e) {
            status.put("storeError", "callback store unavailable: " + e.getMessage());
        }
        return status;
    }

    /**
     * Bridge requests whose error reply could not be delivered, among the dead letters: not replayable from here (no run
     * to route again); the client sending the request again gets the reply.
     */
    private void bridgeDeadLetters(ObjectNode queues, ArrayNode dead, int limit) {
        BridgeRequests bridge = context.getRegistry().lookupByNameAndType(OutputsRepositories.BRIDGE_REQUESTS, BridgeRequests.class);
        if (bridge == null) {
            return;
        }
        queues.put("bridgeRepliesFailed", bridge.store().countByState().getOrDefault("failed", 0));
        for (BridgeRequestStore.Request request : bridge.store().failed(limit)) {
            dead.addObject().put("dedupKey", request.requestId()).put("status", "error").put("callback", "bridge (" + request.bridge() + ")")
                    .put("state", "failed").put("reason", request.failedReason()).put("receivedAt", request.settledAt())
                    .put("payload", request.replyBody()).put("replayable", false);
        }
    }

    /** A run's detail (its outcomes, each with error, interrupts and timeline), or null when the store has none. */
    ObjectNode run(String runId) {
        ObjectNode run = deliveries.run(hub.store(), runId);
        if (run != null) {
            run.set("decisions", awaiting.decisionsOf(runId));
        }
        return run;
    }

    /** The operator's answer to a waiting interrupt ({@code <thread id>:<interrupt id>}); null when none waits. */
    io.camellanggraph.store.Decision answer(String key, String answer) {
        return awaiting.answer(key, answer);
    }

    /**
     * Operator replay of dead letters: {@code key} is a dedup key ({@code <run id>:<correlation id>}) or a run id (all its
     * failed outcomes). Returns the dedup keys requeued for routing (routed once each); empty when none was failed.
     */
    public List<String> replay(String key) {
        List<String> keys = key.contains(":") ? List.of(key)
                : hub.store().failed(10_000).stream().map(r -> r.entry().dedupKey()).filter(k -> k.startsWith(key + ":")).toList();
        return keys.stream().filter(hub::replay).toList();
    }

    /** Fires a Quartz schedule now; false when the route has none here. */
    boolean runNow(String routeId, String input) throws SchedulerException {
        return schedules.runNow(routeId, input);
    }

    boolean pause(String name, boolean paused, String note) throws Exception {
        return schedules.pause(name, paused, note);
    }

    /** Refused requests (malformed, forged token ...) and claims the server did not confirm, newest first. */
    private ArrayNode claims(CallbackStore store, int limit) {
        List<ObjectNode> claims = new ArrayList<>();
        for (UnconfirmedClaim c : store.unconfirmed(limit)) {
            claims.add(mapper.createObjectNode().put("at", c.at()).put("kind", "unconfirmed").put("callback", c.callback())
                    .put("runId", c.runId()).put("claimedStatus", c.claimedStatus()).put("reason", c.reason())
                    .put("detail", Redaction.maskUrl(c.detail())));
        }
        for (RejectedRecord r : store.rejected(limit)) {
            // the refused body is the sender's, not the app's to show: its reason says what was wrong with it
            claims.add(mapper.createObjectNode().put("at", r.receivedAt()).put("kind", "refused " + r.status())
                    .put("callback", r.callback()).put("reason", Redaction.maskUrl(r.reason())));
        }
        claims.sort(Comparator.comparingLong((ObjectNode c) -> c.path("at").asLong()).reversed());
        ArrayNode newest = mapper.createArrayNode();
        claims.stream().limit(limit).forEach(newest::add);
        return newest;
    }

    private String store() {
        String url = component.getStoreUrl();
        if (url == null || url.isBlank()) {
            return "SQLite in " + component.getDataDir();
        }
        // a JDBC URL may carry user and password as parameters: only scheme, host and database are shown
        int query = url.indexOf('?');
        return URISupport.sanitizeUri(query < 0 ? url : url.substring(0, query));
    }

    private ObjectNode health() {
        ObjectNode health = mapper.createObjectNode();
        // every check, whatever camel.health.exposure-level says (it would hide the healthy ones)
        Collection<HealthCheck.Result> results = HealthCheckHelper.invoke(context, "full");
        health.put("status", HealthCheckHelper.isResultsUp(results, true) ? "UP" : "DOWN");
        ArrayNode checks = health.putArray("checks");
        results.stream().sorted(Comparator.comparing(r -> r.getCheck().getId())).forEach(r -> {
            ObjectNode check = checks.addObject().put("id", r.getCheck().getId()).put("state", r.getState().name());
            r.getMessage().ifPresent(m -> check.put("message", m));
            if ("langgraph".equals(r.getCheck().getGroup())) {
                ObjectNode details = check.putObject("details");
                r.getDetails().forEach((k, v) -> {
                    if (!HealthCheckHelper.isReservedKey(k)) {
                        details.put(k, String.valueOf(v));
                    }
                });
            }
        });
        return health;
    }
}
