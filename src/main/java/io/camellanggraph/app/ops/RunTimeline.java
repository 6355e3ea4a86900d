package io.camellanggraph.app.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camellanggraph.callback.Claim;
import io.camellanggraph.callback.LatencyListener;
import io.camellanggraph.callback.Redaction;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.component.LangGraphEndpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.util.URISupport;

/**
 * The stages of an outcome after its receipt as this app saw them, for a run's detail in the operator view: when
 * the server confirmed it and when it was handed over (told by the callback path through {@link LatencyListener}),
 * when its route's exchange began, each output the route sent it to (endpoint, when, how long) and how the route
 * ended. Kept in memory for the newest outcomes only: what must outlive a restart (receipt, routing state) is in
 * the callback store.
 */
public final class RunTimeline extends EventNotifierSupport implements LatencyListener {

    /** Outcomes remembered; the oldest is forgotten first. */
    static final int KEPT = 1000;

    /** One send of the route to an endpoint (its URI without secrets). */
    record Output(String endpoint, long at, long millis, boolean failed) {
    }

    /** What is known of one outcome (by dedup key); null fields: that stage was not seen (yet). */
    static final class Stages {
        volatile Long confirmedAt;
        volatile Long dispatchedAt;
        volatile Long routeStartedAt;
        volatile String routeId;
        volatile Long routeEndedAt;
        volatile String routeFailure;
        volatile String interrupts;
        final List<Output> outputs = new CopyOnWriteArrayList<>();
    }

    private final Map<String, Stages> stages = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Stages> eldest) {
            return size() > KEPT;
        }
    };

    public RunTimeline() {
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public void confirmed(String dedupKey, long millis) {
        stages(dedupKey).confirmedAt = System.currentTimeMillis();
    }

    @Override
    public void dispatched(String dedupKey, long appAddedMillis) {
        stages(dedupKey).dispatchedAt = System.currentTimeMillis();
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        // since Camel 4.2x a producer emits its sent event only when a notifier took the sending event: take those of
        // the outcome routes (and do nothing with them)
        if (event instanceof CamelEvent.ExchangeSendingEvent sending) {
            return sending.getExchange().getFromEndpoint() instanceof LangGraphEndpoint;
        }
        return event instanceof CamelEvent.ExchangeSentEvent || event instanceof CamelEvent.ExchangeCompletedEvent
                || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeSendingEvent) {
            return;
        }
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        // only the routes of langgraph:webhook and langgraph:cron consumers carry an outcome
        if (!(exchange.getFromEndpoint() instanceof LangGraphEndpoint)) {
            return;
        }
        String runId = exchange.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);
        String correlationId = exchange.getMessage().getHeader(LangGraphConstants.CORRELATION_ID, String.class);
        if (runId == null || correlationId == null) {
            return;
        }
        Stages s = stages(Claim.key(runId, correlationId));
        if (s.routeStartedAt == null) {
            s.routeStartedAt = exchange.getClock().getCreated();
            s.routeId = exchange.getFromRouteId();
            s.interrupts = withoutHandles(exchange.getMessage().getHeader(LangGraphConstants.INTERRUPTS, String.class));
        }
        if (event instanceof CamelEvent.ExchangeSentEvent sent) {
            long now = System.currentTimeMillis();
            s.outputs.add(new Output(endpoint(sent.getEndpoint().getEndpointUri()), now - sent.getTimeTaken(), sent.getTimeTaken(),
                    exchange.getException() != null));
        } else {
            s.routeEndedAt = System.currentTimeMillis();
            Throwable failure = exchange.getException();
            s.routeFailure = failure == null ? null : Redaction.maskUrl(failure.toString());
        }
    }

    /** The stages seen of an outcome, or null when this app has not seen it since it started (or forgot it). */
    Stages of(String dedupKey) {
        synchronized (stages) {
            return stages.get(dedupKey);
        }
    }

    private Stages stages(String dedupKey) {
        synchronized (stages) {
            return stages.computeIfAbsent(dedupKey, k -> new Stages());
        }
    }

    /** The interrupts as a viewer may see them: without resume handles and URLs, which would let them answer. */
    static String withoutHandles(String interrupts) {
        if (interrupts == null || !interrupts.contains("resume_handle")) {
            return interrupts;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode items = HANDLES.readTree(interrupts);
            items.forEach(item -> {
                if (item instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                    o.remove("resume_handle");
                    o.remove("resume_url");
                }
            });
            return items.toString();
        } catch (java.io.IOException notJson) {
            return null;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper HANDLES = new com.fasterxml.jackson.databind.ObjectMapper();

    /** An endpoint URI as the page may show it: passwords and secret-looking query parameters masked. */
    static String endpoint(String uri) {
        return Redaction.maskUrl(URISupport.sanitizeUri(uri));
    }
}
