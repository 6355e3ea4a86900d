package io.camellanggraph.component;

import java.time.Instant;

import io.camellanggraph.callback.Redaction;
import io.camellanggraph.cron.Schedules;
import io.camellanggraph.cron.TickKeys;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.quartz.JobDataMap;

/**
 * The exchanges of {@code langgraph:schedule} ticks: when one is created, gives it the tick's headers
 * ({@link LangGraphConstants#SCHEDULED_FIRE_TIME}, {@link LangGraphConstants#SCHEDULE_NAME},
 * {@link LangGraphConstants#TICK_FATE}, a run-now input as {@link LangGraphConstants#SCHEDULE_INPUT}); when it ends,
 * tells {@link Schedules} the run it started or its failure (a run request refused after the route's retries, also
 * when a dead letter channel took it).
 */
public final class ScheduleEventNotifier extends EventNotifierSupport {

    /** Quartz's merged job data of the fire (camel-quartz header). */
    private static final String JOB_DATA = "mergedJobDataMap";

    private final Schedules schedules;

    private ScheduleEventNotifier(Schedules schedules) {
        this.schedules = schedules;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreStepEvents(true);
    }

    /** The context's {@link Schedules}, created with this notifier on the first {@code langgraph:schedule} endpoint. */
    static synchronized Schedules schedules(LangGraphComponent component) throws Exception {
        CamelContext context = component.getCamelContext();
        Schedules schedules = context.hasService(Schedules.class);
        if (schedules == null) {
            schedules = new Schedules(context, component::callbackHub);
            context.addService(schedules, true, true);
            context.addStartupListener(schedules);
            context.getManagementStrategy().addEventNotifier(new ScheduleEventNotifier(schedules));
        }
        return schedules;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCreatedEvent || event instanceof CamelEvent.ExchangeCompletedEvent
                || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        if (!(exchange.getFromEndpoint() instanceof QuartzEndpoint)) {
            return;
        }
        Message message = exchange.getIn();
        if (event instanceof CamelEvent.ExchangeCreatedEvent) {
            if (message.getHeader(JOB_DATA) instanceof JobDataMap data && data.containsKey(TickKeys.SCHEDULED_AT)
                    && exchange.getFromEndpoint() instanceof QuartzEndpoint quartz) {
                message.setHeader(LangGraphConstants.SCHEDULE_NAME, quartz.getTriggerName());
                message.setHeader(LangGraphConstants.SCHEDULED_FIRE_TIME, Instant.ofEpochMilli(data.getLong(TickKeys.SCHEDULED_AT)).toString());
                message.setHeader(LangGraphConstants.TICK_FATE, data.getString(TickKeys.FATE));
                if (data.containsKey(TickKeys.INPUT)) {
                    message.setHeader(LangGraphConstants.SCHEDULE_INPUT, data.getString(TickKeys.INPUT));
                }
            }
            return;
        }
        Message out = exchange.getMessage();
        String name = out.getHeader(LangGraphConstants.SCHEDULE_NAME, String.class);
        String at = out.getHeader(LangGraphConstants.SCHEDULED_FIRE_TIME, String.class);
        if (name == null || at == null) {
            return;
        }
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String runId = out.getHeader(LangGraphConstants.RUN_ID, String.class);
        schedules.tickEnded(name, Instant.parse(at).toEpochMilli(), runId, out.getHeader(LangGraphConstants.THREAD_ID, String.class),
                failure == null || runId != null ? null : Redaction.maskUrl(failure.getClass().getSimpleName() + ": " + failure.getMessage()));
    }
}
