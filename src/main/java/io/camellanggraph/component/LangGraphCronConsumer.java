package io.camellanggraph.component;

import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.client.LangGraphWebhookUrlRefusedException;
import io.camellanggraph.cron.CronChange;
import io.camellanggraph.cron.CronReconciler;
import io.camellanggraph.cron.CronRunFinder;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code from: langgraph:cron/<name>?assistantId=..&schedule=..}: declares a server-side LangGraph cron and
 * receives each of its runs' outcomes. On start the server's cron is made to match the declaration; stopping
 * the route leaves it in place (rolling restarts keep the schedule); with {@code prune=true} crons this app owns
 * that no route declares are deleted. In plan mode nothing on the server changes.
 */
public class LangGraphCronConsumer extends LangGraphWebhookConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(LangGraphCronConsumer.class);

    private final LangGraphEndpoint endpoint;
    private final String cronName;

    public LangGraphCronConsumer(LangGraphEndpoint endpoint, Processor processor) {
        super(endpoint, processor, "cron/" + endpoint.getName());
        this.endpoint = endpoint;
        this.cronName = endpoint.getName();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        LangGraphComponent component = endpoint.getComponent();
        boolean plan = endpoint.isPlan() || component.isPlanOnly();
        CronReconciler reconciler = new CronReconciler(endpoint.client(), component.getAppName());
        CronChange change;
        try {
            change = reconciler.reconcile(cronName, desired(reconciler), plan);
        } catch (LangGraphWebhookUrlRefusedException e) {
            component.webhookUrlStatus().refused(e);
            throw e;
        }
        if (!plan && (change.action() == CronChange.Action.CREATE || change.action() == CronChange.Action.REPLACE)) {
            component.webhookUrlStatus().accepted();
        }
        component.reportCronChange(change);
        LOG.info("{}{}", plan ? "PLAN: " : "", change);
        if (endpoint.isPrune()) {
            for (CronChange deletion : reconciler.prune(declaredCronNames(), plan)) {
                component.reportCronChange(deletion);
                LOG.info("{}{}", plan ? "PLAN: " : "", deletion);
            }
        }
        if (!plan) {
            // its runs are only known to the server: looked up now and at every reconcile pass, so that one whose
            // webhook was lost while this app was down is still routed
            endpoint.hub().registerFinder(callbackName(), new CronRunFinder(endpoint.client(), reconciler,
                    component.getAppName(), cronName, correlationId()));
        }
    }

    @Override
    protected void doStop() throws Exception {
        endpoint.hub().unregisterFinder(callbackName());
        super.doStop();
    }

    private String callbackName() {
        return "cron/" + cronName;
    }

    /** One stable correlation id per cron: its webhook URL (and token) stay the same across restarts. */
    private String correlationId() {
        return "cron-" + cronName;
    }

    /** The create request this route declares, webhook included. */
    ObjectNode desired(CronReconciler reconciler) throws Exception {
        LangGraphConfiguration c = endpoint.getConfiguration();
        Exchange empty = endpoint.createExchange();
        RunRequests requests = new RunRequests(c, endpoint.getComponent().mapper(), empty);
        ObjectNode request = requests.runFields(requests.toJson(c.getInput(), "input"));
        if (c.getSchedule() == null || c.getSchedule().isBlank()) {
            throw new IllegalArgumentException("langgraph:cron/" + cronName + " needs a schedule");
        }
        requests.cronFields(request);
        if (CronPause.paused(endpoint.hub(), cronName)) {
            // paused by an operator (page, CLI, route): stays disabled until resumed, whatever the route declares
            request.put("enabled", false);
        }
        String threadId = c.getThreadId();
        if (threadId != null && !threadId.isBlank()) {
            request.put("thread_id", threadId);
            requests.putText(request, "multitask_strategy", "multitaskStrategy", c.getMultitaskStrategy());
        }
        CallbackHub hub = endpoint.hub();
        String cid = correlationId();
        request.put("webhook", hub.callbackUrl(callbackName(), cid));
        ObjectNode metadata = (ObjectNode) request.get("metadata");
        metadata.put(CallbackHub.CORRELATION_METADATA, cid);
        if (threadId == null && !request.has("on_run_completed")) {
            // stateless cron runs lose their values with the server's default (delete): keep, route, then delete
            request.put("on_run_completed", "keep");
            metadata.put(CallbackHub.CLEANUP_METADATA, "true");
        }
        reconciler.tag(request, cronName);
        return request;
    }

    private Set<String> declaredCronNames() {
        return getEndpoint().getCamelContext().getRoutes().stream()
                .map(Route::getEndpoint)
                .filter(e -> e instanceof LangGraphEndpoint le && le.getOperation() == LangGraphOperation.cron && le.getName() != null)
                .map(e -> ((LangGraphEndpoint) e).getName())
                .collect(Collectors.toSet());
    }

    @Override
    protected void decorate(Exchange exchange) {
        exchange.getMessage().setHeader(LangGraphConstants.CRON_NAME, cronName);
    }
}
