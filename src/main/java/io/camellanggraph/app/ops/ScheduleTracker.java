package io.camellanggraph.app.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.camellanggraph.callback.CallbackCounters;
import io.camellanggraph.callback.Redaction;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.component.ScheduleGuard;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.quartz.Trigger;
import org.quartz.listeners.TriggerListenerSupport;

/**
 * Remembers, per Quartz-triggered route, when its last exchange ended and whether it failed or was skipped (its
 * previous run still active, see {@link ScheduleGuard}), and counts skipped ticks and the ticks Quartz missed
 * (misfires): the operator view's schedules and the {@code langgraph_schedule_ticks_total} meter.
 */
public final class ScheduleTracker extends EventNotifierSupport {

    /** The last tick of a scheduled route: when it ended, its failure (null when none), whether it was skipped. */
    public record Outcome(long at, String failure, boolean skipped) {
    }

    private static final String LANGGRAPH_SCHEDULES = "langgraph-schedule";

    private final Map<String, Outcome> last = new ConcurrentHashMap<>();
    /** {@code skipped.<route id>} and {@code misfired.<route id>}. */
    private final CallbackCounters ticks = new CallbackCounters();
    /** The route of each Quartz trigger ({@code <group>.<name>}), to count a misfire under its route. */
    private final Map<String, String> routeOfTrigger = new ConcurrentHashMap<>();

    public ScheduleTracker() {
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        if (exchange.getFromRouteId() == null || !(exchange.getFromEndpoint() instanceof QuartzEndpoint)) {
            return;
        }
        Throwable failure = exchange.getException();
        String text = failure == null ? null : Redaction.maskUrl(failure.toString());
        if (text != null && text.length() > 300) {
            text = text.substring(0, 300) + "...";
        }
        boolean skipped = failure == null && exchange.getMessage().getHeader(LangGraphConstants.PREVIOUS_RUN_ID) != null;
        if (skipped && !(exchange.getFromEndpoint() instanceof QuartzEndpoint q && LANGGRAPH_SCHEDULES.equals(q.getGroupName()))) {
            ticks.increment("skipped." + exchange.getFromRouteId());
        }
        last.put(exchange.getFromRouteId(), new Outcome(System.currentTimeMillis(), text, skipped));
    }

    /** Declares the context's Quartz routes: their tick counters show at zero before anything happened. */
    public void declare(CamelContext context) {
        for (Route route : context.getRoutes()) {
            // langgraph:schedule routes count every tick's fate themselves (cron.Schedules)
            if (route.getEndpoint() instanceof QuartzEndpoint quartz && quartz.getTriggerKey() != null
                    && !LANGGRAPH_SCHEDULES.equals(quartz.getGroupName())) {
                routeOfTrigger.put(quartz.getTriggerKey().toString(), route.getRouteId());
                ticks.add("skipped." + route.getRouteId(), 0);
                ticks.add("misfired." + route.getRouteId(), 0);
            }
        }
    }

    /** The last outcome of the route, or null when it has not fired since the app started. */
    public Outcome last(String routeId) {
        return last.get(routeId);
    }

    /** Skipped and missed ticks. */
    public CallbackCounters ticks() {
        return ticks;
    }

    /** Counts the ticks Quartz missed, once added to the scheduler's trigger listeners. */
    public TriggerListenerSupport misfires() {
        return new TriggerListenerSupport() {
            @Override
            public String getName() {
                return "camel-langgraph-misfires";
            }

            @Override
            public void triggerMisfired(Trigger trigger) {
                if (LANGGRAPH_SCHEDULES.equals(trigger.getJobKey().getGroup())) {
                    return;
                }
                ticks.increment("misfired." + routeOfTrigger.getOrDefault(trigger.getKey().toString(), trigger.getKey().toString()));
            }
        };
    }
}
