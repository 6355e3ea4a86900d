package io.camellanggraph.app.ops;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.component.CronPause;
import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.component.LangGraphEndpoint;
import io.camellanggraph.component.LangGraphOperation;
import io.camellanggraph.cron.CronReconciler;
import io.camellanggraph.cron.QuartzSchedules;
import io.camellanggraph.cron.SchedulePolicy;
import io.camellanggraph.cron.Schedules;
import io.camellanggraph.store.ScheduleState;
import io.camellanggraph.store.ScheduleStore;
import io.camellanggraph.store.ScheduleTick;
import io.camellanggraph.store.TickFate;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.InboxRecord;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.quartz.CronTrigger;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The declared schedules of the operator view: LangGraph crons (next fire from the server, last outcome from the
 * inbox) and Quartz routes (next fire from the scheduler, last tick from the {@link ScheduleTracker}, skipped and
 * missed ticks). Also fires a Quartz schedule now ("run now").
 */
final class ScheduleView {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleView.class);

    private final CamelContext context;
    private final LangGraphComponent component;
    private final CallbackHub hub;
    private final ScheduleTracker tracker;
    private final ObjectMapper mapper;
    private final DeliveryView deliveries;

    ScheduleView(CamelContext context, LangGraphComponent component, CallbackHub hub, ScheduleTracker tracker, ObjectMapper mapper,
                 DeliveryView deliveries) {
        this.context = context;
        this.component = component;
        this.hub = hub;
        this.tracker = tracker;
        this.mapper = mapper;
        this.deliveries = deliveries;
    }

    ArrayNode schedules(CallbackStore store) {
        ArrayNode schedules = mapper.createArrayNode();
        Map<String, JsonNode> serverCrons = null;
        for (Route route : context.getRoutes()) {
            if (route.getEndpoint() instanceof LangGraphEndpoint endpoint && endpoint.getOperation() == LangGraphOperation.cron) {
                if (serverCrons == null) {
                    serverCrons = serverCrons();
                }
                cron(schedules.addObject(), route, endpoint, serverCrons, store);
            } else if (route.getEndpoint() instanceof QuartzEndpoint quartz) {
                quartz(schedules.addObject(), route, quartz);
            }
        }
        return schedules;
    }

    /**
     * Fires the Quartz schedule of route {@code routeId} now, once, besides its ticks; false when the route has no
     * Quartz schedule on this instance.
     */
    boolean runNow(String routeId, String input) throws SchedulerException {
        Route route = context.getRoute(routeId);
        if (route == null || !(route.getEndpoint() instanceof QuartzEndpoint quartz)) {
            return false;
        }
        Schedules langgraph = langgraphSchedules(quartz);
        if (langgraph != null) {
            // recorded as a manual tick, with another input when one was given
            return langgraph.runNow(quartz.getTriggerName(), input);
        }
        if (input != null) {
            throw new IllegalArgumentException("another input needs a langgraph:schedule route");
        }
        Trigger trigger = trigger(quartz);
        if (trigger == null) {
            return false;
        }
        quartz.getComponent().getScheduler().triggerJob(trigger.getJobKey());
        return true;
    }

    /** Pauses or resumes a langgraph:schedule by name; false when there is none of that name. */
    boolean pause(String name, boolean paused, String note) throws Exception {
        Schedules langgraph = context.hasService(Schedules.class);
        if (langgraph != null && langgraph.policy(name) != null) {
            return langgraph.pause(name, paused, note);
        }
        // a server-side cron: its enabled field on the server, the note in the store
        LangGraphEndpoint cron = CronPause.cronEndpoint(context, name);
        return cron != null && CronPause.pause(cron, paused, note);
    }

    private Schedules langgraphSchedules(QuartzEndpoint quartz) {
        Schedules langgraph = context.hasService(Schedules.class);
        return langgraph != null && langgraph.policy(quartz.getTriggerName()) != null
                && QuartzSchedules.GROUP.equals(quartz.getGroupName()) ? langgraph : null;
    }

    /** A langgraph:schedule's policy, pause and its newest ticks with their fates, from the store the cluster shares. */
    private void ticks(ObjectNode s, Schedules langgraph, String name) {
        SchedulePolicy policy = langgraph.policy(name);
        s.put("kind", "langgraph-schedule").put("name", name);
        s.put("policy", "catchUp=" + policy.catchUp() + " overlap=" + policy.overlap()
                + (policy.jitterMillis() > 0 ? " jitter=" + policy.jitterMillis() / 1000 + "s" : "")
                + (policy.maxConcurrentRuns() > 0 ? " maxConcurrentRuns=" + policy.maxConcurrentRuns() : "")
                + (policy.pauseAfterFailures() > 0 ? " pauseAfterFailures=" + policy.pauseAfterFailures() : ""));
        ScheduleStore store = langgraph.store();
        if (store == null) {
            return;
        }
        ScheduleState state = store.state(name);
        if (state != null) {
            s.put("paused", state.paused());
            s.put("pauseNote", state.note());
            s.put("failureStreak", state.failureStreak());
        }
        ArrayNode ticks = s.putArray("ticks");
        for (ScheduleTick tick : store.last(name, 10)) {
            ticks.addObject().put("scheduledAt", tick.scheduledAt()).put("fate", tick.fate().value()).put("detail", tick.detail())
                    .put("dueAt", tick.dueAt() == 0 ? null : tick.dueAt())
                    .put("runId", tick.runId());
        }
    }

    private void cron(ObjectNode s, Route route, LangGraphEndpoint endpoint, Map<String, JsonNode> serverCrons, CallbackStore store) {
        s.put("kind", "langgraph-cron").put("name", endpoint.getName()).put("routeId", route.getRouteId())
                .put("schedule", endpoint.getConfiguration().getSchedule())
                .put("timezone", endpoint.getConfiguration().getTimezone() == null ? "UTC" : endpoint.getConfiguration().getTimezone())
                .put("assistantId", endpoint.getConfiguration().getAssistantId());
        JsonNode cron = serverCrons.get(endpoint.getName());
        if (cron != null) {
            s.put("cronId", cron.path("cron_id").asText(null));
            String next = cron.path("next_run_date").asText(null);
            s.put("nextFire", next);
            s.put("nextFireAt", DeliveryView.epochMillis(next));
            s.put("enabled", cron.path("enabled").asBoolean(true));
            s.put("paused", !cron.path("enabled").asBoolean(true));
        } else {
            s.put("nextFire", serverCrons.isEmpty() ? "unknown (server not answering)" : "not on the server");
        }
        ScheduleState pause = CronPause.state(hub, endpoint.getName());
        if (pause != null && pause.paused()) {
            s.put("pauseNote", pause.note());
        }
        InboxRecord latest = store.latest("cron/" + endpoint.getName());
        if (latest != null) {
            String status = deliveries.body(latest.entry().body()).path("status").asText("?");
            s.put("lastFireAt", latest.entry().receivedAt());
            s.put("lastOutcome", status + ", " + latest.state() + (latest.reason() == null ? "" : ": " + latest.reason()));
            s.put("lastOk", "success".equals(status) && !"failed".equals(latest.state()));
        }
    }

    private void quartz(ObjectNode s, Route route, QuartzEndpoint quartz) {
        s.put("kind", "quartz").put("name", quartz.getGroupName() + "/" + quartz.getTriggerName())
                .put("routeId", route.getRouteId()).put("schedule", quartz.getCron());
        try {
            Trigger trigger = trigger(quartz);
            if (trigger instanceof CronTrigger cron) {
                s.put("schedule", cron.getCronExpression());
                s.put("timezone", cron.getTimeZone().getID());
            }
            if (trigger != null) {
                Date next = trigger.getNextFireTime();
                s.put("nextFireAt", next == null ? null : next.getTime());
                s.put("nextFire", next == null ? null : next.toInstant().toString());
                s.put("runNow", true);
            } else {
                s.put("nextFire", "not scheduled here");
            }
        } catch (Exception e) {
            s.put("nextFire", "unknown: " + e.getMessage());
        }
        ScheduleTracker.Outcome outcome = tracker.last(route.getRouteId());
        if (outcome != null) {
            s.put("lastFireAt", outcome.at());
            s.put("lastOutcome", outcome.failure() != null ? "failed: " + outcome.failure()
                    : outcome.skipped() ? "skipped: previous run still active" : "completed");
            s.put("lastOk", outcome.failure() == null);
        }
        Schedules langgraph = langgraphSchedules(quartz);
        if (langgraph != null) {
            ticks(s, langgraph, quartz.getTriggerName());
            String name = quartz.getTriggerName();
            s.put("skippedTicks", langgraph.ticks().get(TickFate.SKIPPED.value() + "." + name));
            s.put("missedTicks", langgraph.ticks().get(TickFate.MISSED.value() + "." + name));
        } else {
            s.put("skippedTicks", tracker.ticks().get("skipped." + route.getRouteId()));
            s.put("missedTicks", tracker.ticks().get("misfired." + route.getRouteId()));
        }
    }

    private static Trigger trigger(QuartzEndpoint quartz) throws SchedulerException {
        QuartzComponent qc = quartz.getComponent();
        return qc != null && qc.getScheduler() != null && quartz.getTriggerKey() != null
                ? qc.getScheduler().getTrigger(quartz.getTriggerKey()) : null;
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
}
