package io.camellanggraph.app.ops;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.callback.Redaction;
import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.component.LangGraphEndpoint;
import io.camellanggraph.component.LangGraphOperation;
import io.camellanggraph.cron.CronReconciler;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.CallbackStore.InboxRecord;
import io.camellanggraph.store.PendingRun;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.quartz.CronTrigger;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the operator page and the {@code status} command show, as one JSON document: health, counters, the declared
 * schedules (LangGraph crons and Quartz routes) with next fire time and last outcome, pending runs with their age, the
 * last deliveries (status, source, redacted payload) and the dead letters. Also carries out replays.
 */
public final class OperatorView {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorView.class);
    static final int PAYLOAD_MAX_CHARS = 8192;

    private final CamelContext context;
    private final LangGraphComponent component;
    private final CallbackHub hub;
    private final ScheduleTracker tracker;
    private final AdminAccess admin;
    private final ObjectMapper mapper = new ObjectMapper();

    public OperatorView(CamelContext context, LangGraphComponent component, CallbackHub hub, ScheduleTracker tracker,
                        AdminAccess admin) {
        this.context = context;
        this.component = component;
        this.hub = hub;
        this.tracker = tracker;
        this.admin = admin;
    }

    public AdminAccess admin() {
        return admin;
    }

    /** The whole view; {@code limit} bounds each list. */
    public ObjectNode status(int limit) {
        long now = System.currentTimeMillis();
        ObjectNode status = mapper.createObjectNode();
        status.put("app", context.getName());
        status.put("generatedAt", now);
        status.put("adminEnabled", admin.enabled());
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
            queues.put("awaitingExchanges", hub.correlator().size());
            status.set("schedules", schedules(store));
            ArrayNode pending = status.putArray("pendingRuns");
            for (PendingRun run : store.pendingRunsOlderThan(Long.MAX_VALUE, limit)) {
                pending.addObject().put("runId", run.runId()).put("threadId", run.threadId()).put("callback", run.callback())
                        .put("createdAt", run.createdAt()).put("ageSeconds", Math.max(0, (now - run.createdAt()) / 1000));
            }
            ArrayNode deliveries = status.putArray("deliveries");
            store.recent(limit).forEach(r -> deliveries.add(delivery(r)));
            ArrayNode dead = status.putArray("deadLetters");
            store.failed(limit).forEach(r -> dead.add(delivery(r)));
        } catch (RuntimeException e) {
            status.put("storeError", "callback store unavailable: " + e.getMessage());
        }
        return status;
    }

    /**
     * Operator replay of dead letters: {@code key} is a dedup key ({@code <run id>:<status>}) or a run id (all its
     * failed outcomes). Returns the dedup keys requeued for routing (routed once each); empty when none was failed.
     */
    public List<String> replay(String key) {
        List<String> keys = key.contains(":") ? List.of(key)
                : hub.store().failed(10_000).stream().map(r -> r.entry().dedupKey()).filter(k -> k.startsWith(key + ":")).toList();
        return keys.stream().filter(hub::replay).toList();
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

    private ArrayNode schedules(CallbackStore store) {
        ArrayNode schedules = mapper.createArrayNode();
        Map<String, JsonNode> serverCrons = null;
        for (Route route : context.getRoutes()) {
            if (route.getEndpoint() instanceof LangGraphEndpoint endpoint && endpoint.getOperation() == LangGraphOperation.cron) {
                if (serverCrons == null) {
                    serverCrons = serverCrons();
                }
                ObjectNode s = schedules.addObject().put("kind", "langgraph-cron").put("name", endpoint.getName())
                        .put("routeId", route.getRouteId())
                        .put("schedule", endpoint.getConfiguration().getSchedule())
                        .put("timezone", endpoint.getConfiguration().getTimezone() == null ? "UTC" : endpoint.getConfiguration().getTimezone())
                        .put("assistantId", endpoint.getConfiguration().getAssistantId());
                JsonNode cron = serverCrons.get(endpoint.getName());
                if (cron != null) {
                    s.put("cronId", cron.path("cron_id").asText(null));
                    String next = cron.path("next_run_date").asText(null);
                    s.put("nextFire", next);
                    s.put("nextFireAt", epochMillis(next));
                    s.put("enabled", cron.path("enabled").asBoolean(true));
                } else {
                    s.put("nextFire", serverCrons.isEmpty() ? "unknown (server not answering)" : "not on the server");
                }
                InboxRecord latest = store.latest("cron/" + endpoint.getName());
                if (latest != null) {
                    JsonNode run = body(latest.entry().body());
                    s.put("lastFireAt", latest.entry().receivedAt());
                    s.put("lastOutcome", run.path("status").asText("?") + ", " + latest.state()
                            + (latest.reason() == null ? "" : ": " + latest.reason()));
                    s.put("lastOk", "success".equals(run.path("status").asText()) && !"failed".equals(latest.state()));
                }
            } else if (route.getEndpoint() instanceof QuartzEndpoint quartz) {
                ObjectNode s = schedules.addObject().put("kind", "quartz").put("name", quartz.getGroupName() + "/" + quartz.getTriggerName())
                        .put("routeId", route.getRouteId()).put("schedule", quartz.getCron());
                try {
                    QuartzComponent qc = quartz.getComponent();
                    Trigger trigger = qc != null && qc.getScheduler() != null && quartz.getTriggerKey() != null
                            ? qc.getScheduler().getTrigger(quartz.getTriggerKey()) : null;
                    if (trigger instanceof CronTrigger cron) {
                        s.put("schedule", cron.getCronExpression());
                        s.put("timezone", cron.getTimeZone().getID());
                    }
                    if (trigger != null) {
                        Date next = trigger.getNextFireTime();
                        s.put("nextFireAt", next == null ? null : next.getTime());
                        s.put("nextFire", next == null ? null : next.toInstant().toString());
                    } else {
                        s.put("nextFire", "not scheduled here");
                    }
                } catch (Exception e) {
                    s.put("nextFire", "unknown: " + e.getMessage());
                }
                ScheduleTracker.Outcome outcome = tracker.last(route.getRouteId());
                if (outcome != null) {
                    s.put("lastFireAt", outcome.at());
                    s.put("lastOutcome", outcome.failure() == null ? "completed" : "failed: " + outcome.failure());
                    s.put("lastOk", outcome.failure() == null);
                }
            }
        }
        return schedules;
    }

    /** This app's crons on the server by their name in this app; empty when the server does not answer. */
    private Map<String, JsonNode> serverCrons() {
        Map<String, JsonNode> crons = new HashMap<>();
        try {
            ObjectNode query = mapper.createObjectNode();
            query.putObject("metadata").put(CronReconciler.APP_METADATA, component.getAppName());
            query.put("limit", 200);
            for (JsonNode cron : hub.client().searchCrons(query)) {
                crons.putIfAbsent(cron.path("metadata").path(CronReconciler.NAME_METADATA).asText(), cron);
            }
        } catch (RuntimeException e) {
            LOG.debug("Crons not listed: {}", e.getMessage());
        }
        return crons;
    }

    private ObjectNode delivery(InboxRecord record) {
        JsonNode run = body(record.entry().body());
        ObjectNode d = mapper.createObjectNode();
        d.put("dedupKey", record.entry().dedupKey());
        d.put("runId", run.path("run_id").asText(null));
        d.put("threadId", run.path("thread_id").asText(null));
        d.put("assistantId", run.path("assistant_id").asText(null));
        d.put("status", run.path("status").asText(null));
        d.put("callback", record.entry().callback());
        d.put("source", record.entry().source());
        d.put("state", record.state());
        d.put("reason", record.reason());
        d.put("receivedAt", record.entry().receivedAt());
        String payload = run.isObject() && run.size() > 0 ? run.toPrettyString() : Redaction.maskUrl(record.entry().body());
        d.put("payload", payload.length() > PAYLOAD_MAX_CHARS ? payload.substring(0, PAYLOAD_MAX_CHARS) + "\n... (truncated)" : payload);
        return d;
    }

    /** The stored run, redacted once more (the inbox keeps it redacted already). */
    private JsonNode body(String text) {
        try {
            JsonNode json = mapper.readTree(Redaction.maskUrl(text));
            return json instanceof ObjectNode o ? Redaction.redactRun(o) : json;
        } catch (Exception e) {
            return mapper.createObjectNode();
        }
    }

    private static Long epochMillis(String isoDate) {
        try {
            return isoDate == null ? null : OffsetDateTime.parse(isoDate).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
