package io.camellanggraph.app.ops;

import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.camellanggraph.callback.CallbackCounters;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.callback.LatencyListener;
import io.camellanggraph.callback.Verdict;
import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.cron.Schedules;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The app's own meters, next to Camel's, in the registry that camel-micrometer-prometheus scrapes at
 * {@code /observe/metrics} on the management port (Prometheus names in brackets):
 * <ul>
 * <li>webhooks received [langgraph_webhooks_received_total], refused by reason (HTTP status, or store)
 * [langgraph_webhooks_refused_total{reason}], duplicated [langgraph_webhooks_duplicated_total];</li>
 * <li>outcomes recovered by polling [langgraph_runs_reconciled_total], runs lost on the server
 * [langgraph_runs_lost_total], outcomes routed / failed / replayed [langgraph_outcomes_{routed,failed,replayed}_total];</li>
 * <li>runs started by the producers, per assistant [langgraph_runs_started_total{assistant}];</li>
 * <li>claims the server did not confirm, by reason [langgraph_claims_unconfirmed_total{reason}];</li>
 * <li>histograms of the app-added latency and the confirmation latency (see {@link LatencyHistograms});</li>
 * <li>schedule ticks skipped because the previous run was still active, and ticks Quartz missed
 * [langgraph_schedule_ticks_total{schedule,outcome="skipped"|"misfired"}];</li>
 * <li>queue depths: runs waiting for their outcome [langgraph_runs_pending], outcomes not routed yet
 * [langgraph_inbox_unrouted], dead letters [langgraph_inbox_failed], exchanges awaiting a webhook
 * [langgraph_awaiting_exchanges];</li>
 * <li>messages from a queue or topic refused, by route and reason [langgraph_messages_refused_total{route,reason}];</li>
 * <li>operator actions by outcome [langgraph_admin_actions_total{action,outcome}].</li>
 * </ul>
 * Counters read the component's own counters, so nothing is counted twice; gauges query the store at scrape time
 * (at most once a second).
 */
public final class LangGraphMetrics {

    /** A counter of the callback path: its meter name and the help text a scrape shows. */
    private record Meter(String name, String description) {
    }

    private static final Map<String, Meter> CALLBACK_METERS = Map.of(
            "accepted.webhook", new Meter("langgraph.webhooks.received", "Webhook claims recorded and answered 2xx"),
            "duplicate", new Meter("langgraph.webhooks.duplicated", "Webhook claims already recorded (answered 2xx, nothing new)"),
            "reconciled", new Meter("langgraph.runs.reconciled", "Outcomes found by asking the server, their webhook missing"),
            "reconcile.lost", new Meter("langgraph.runs.lost", "Runs this app started that the server no longer has"),
            "routed", new Meter("langgraph.outcomes.routed", "Confirmed outcomes routed"),
            "failed", new Meter("langgraph.outcomes.failed", "Outcomes whose route failed (kept as failed, for replay)"),
            "replayed", new Meter("langgraph.outcomes.replayed", "Failed outcomes replayed by an operator"));

    /** Counter names {@code inbound.refused.<route id>.<reason>} (app.inbound.InboundMessages). */
    private static final String INBOUND_REFUSED = "inbound.refused.";

    private final LangGraphComponent component;
    private final CallbackHub hub;
    private final AdminAccess admin;
    private final ScheduleTracker schedules;
    private final QueueDepths depths;

    public LangGraphMetrics(LangGraphComponent component, CallbackHub hub, AdminAccess admin, ScheduleTracker schedules) {
        this.component = component;
        this.hub = hub;
        this.admin = admin;
        this.schedules = schedules;
        this.depths = new QueueDepths(hub);
    }

    /** Registers the meters; returns the histograms, which the callback path feeds through {@link LatencyListener}. */
    public LatencyListener bindTo(MeterRegistry registry) {
        CallbackCounters counters = hub.counters();
        // what every scrape shows, at zero before anything happened
        CALLBACK_METERS.keySet().forEach(name -> counters.add(name, 0));
        for (String status : new String[] {"400", "401", "404", "405", "413", "415", "store"}) {
            counters.add("refused." + status, 0);
        }
        for (Verdict.Reason reason : Verdict.Reason.values()) {
            counters.add("unconfirmed." + reason.code(), 0);
        }
        counters.onNewName(name -> callbackMeter(registry, counters, name));

        CallbackCounters runs = component.runsStarted();
        runs.onNewName(assistant -> FunctionCounter.builder("langgraph.runs.started", runs, c -> c.get(assistant))
                .tag("assistant", assistant).description("Runs this app started, per assistant").register(registry));

        gauge(registry, "langgraph.runs.pending", "Runs started with webhook=auto still waiting for their outcome",
                d -> d.snapshot().pendingRuns());
        gauge(registry, "langgraph.inbox.unrouted", "Outcomes recorded but not routed yet", d -> d.snapshot().unrouted());
        gauge(registry, "langgraph.inbox.failed", "Outcomes whose route failed (dead letters, replayable)",
                d -> d.snapshot().failed());
        Gauge.builder("langgraph.awaiting.exchanges", hub.correlator(), c -> c.size()).strongReference(true)
                .description("Exchanges waiting for their run's webhook (awaitWebhook)").register(registry);

        CallbackCounters audited = admin.counters();
        for (String outcome : new String[] {"ok", "unauthorized", "read-only", "not-found"}) {
            audited.add("replay." + outcome, 0);
            audited.add("run-now." + outcome, 0);
        }
        audited.onNewName(name -> adminMeter(registry, audited, name));

        tickMeters(registry, schedules.ticks());
        Schedules langgraphSchedules = component.getCamelContext().hasService(Schedules.class);
        if (langgraphSchedules != null) {
            tickMeters(registry, langgraphSchedules.ticks());
        }
        return new LatencyHistograms(registry);
    }

    /** {@code <outcome>.<schedule>} counters: plain quartz routes' (tracker) and langgraph:schedule ticks' fates. */
    private static void tickMeters(MeterRegistry registry, CallbackCounters ticks) {
        ticks.onNewName(name -> {
            int dot = name.indexOf('.');
            FunctionCounter.builder("langgraph.schedule.ticks", ticks, c -> c.get(name))
                    .tag("outcome", name.substring(0, dot)).tag("schedule", name.substring(dot + 1))
                    .description("Schedule ticks by fate: fired, skipped, missed, caught-up, failed, manual (langgraph:schedule);"
                            + " skipped or misfired (other quartz routes)").register(registry);
        });
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<QueueDepths> value) {
        Gauge.builder(name, depths, value).strongReference(true).description(description).register(registry);
    }

    private static void callbackMeter(MeterRegistry registry, CallbackCounters counters, String name) {
        if (name.startsWith("dispatch.") || name.startsWith("confirm.")) {
            // latency sums: the histograms (LatencyHistograms) expose these
            return;
        }
        FunctionCounter.Builder<CallbackCounters> builder;
        if (name.startsWith("refused.")) {
            builder = FunctionCounter.builder("langgraph.webhooks.refused", counters, c -> c.get(name))
                    .tag("reason", name.substring("refused.".length()))
                    .description("Webhook requests refused, by reason (the HTTP status answered; busy or store for a 503)");
        } else if (name.startsWith("unconfirmed.")) {
            builder = FunctionCounter.builder("langgraph.claims.unconfirmed", counters, c -> c.get(name))
                    .tag("reason", name.substring("unconfirmed.".length()))
                    .description("Webhook claims the LangGraph server did not confirm (never routed), by reason");
        } else if (name.startsWith(INBOUND_REFUSED)) {
            String channel = name.substring(INBOUND_REFUSED.length(), name.lastIndexOf('.'));
            builder = FunctionCounter.builder("langgraph.messages.refused", counters, c -> c.get(name))
                    .tag("route", channel).tag("reason", name.substring(name.lastIndexOf('.') + 1))
                    .description("Messages from a queue or topic refused to its refused destination, by route and reason");
        } else if (CALLBACK_METERS.containsKey(name)) {
            Meter meter = CALLBACK_METERS.get(name);
            builder = FunctionCounter.builder(meter.name(), counters, c -> c.get(name)).description(meter.description());
        } else {
            builder = FunctionCounter.builder("langgraph.callback.events", counters, c -> c.get(name)).tag("event", name)
                    .description("Other events of the callback path, by name (e.g. deferred.flood, unavailable)");
        }
        builder.register(registry);
    }

    private static void adminMeter(MeterRegistry registry, CallbackCounters audited, String name) {
        int dot = name.indexOf('.');
        FunctionCounter.builder("langgraph.admin.actions", audited, c -> c.get(name))
                .tag("action", name.substring(0, dot)).tag("outcome", name.substring(dot + 1))
                .description("Operator actions (replay, run-now) by outcome").register(registry);
    }

    /** Store-backed queue depths, read at most once a second however often they are scraped. */
    static final class QueueDepths {

        record Snapshot(long at, int pendingRuns, int unrouted, int failed) {
        }

        private final CallbackHub hub;
        private volatile Snapshot last = new Snapshot(0, 0, 0, 0);

        QueueDepths(CallbackHub hub) {
            this.hub = hub;
        }

        Snapshot snapshot() {
            Snapshot s = last;
            if (System.currentTimeMillis() - s.at() < 1000) {
                return s;
            }
            try {
                Map<String, Integer> inbox = hub.store().countByState();
                s = new Snapshot(System.currentTimeMillis(), hub.store().countPendingRuns(), inbox.getOrDefault("pending", 0),
                        inbox.getOrDefault("failed", 0));
                last = s;
            } catch (RuntimeException storeDown) {
                // the store health check reports it; the gauges keep their last value
            }
            return s;
        }
    }
}
