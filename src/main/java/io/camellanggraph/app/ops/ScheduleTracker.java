package io.camellanggraph.app.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.camellanggraph.callback.Redaction;
import org.apache.camel.Exchange;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/** Remembers, per Quartz-triggered route, when its last exchange ended and whether it failed (operator view). */
public final class ScheduleTracker extends EventNotifierSupport {

    /** The last run of a scheduled route: when it ended, and its failure (null when it succeeded). */
    public record Outcome(long at, String failure) {
    }

    private final Map<String, Outcome> last = new ConcurrentHashMap<>();

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
        last.put(exchange.getFromRouteId(), new Outcome(System.currentTimeMillis(), text));
    }

    /** The last outcome of the route, or null when it has not fired since the app started. */
    public Outcome last(String routeId) {
        return last.get(routeId);
    }
}
