package io.camellanggraph.app.ops;

import java.util.function.Supplier;

import io.camellanggraph.app.EmbeddedBroker;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.component.LangGraphComponent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator view of the app, on Camel Main's management server ({@code camel.management.*}): health checks for
 * the LangGraph server, the callback store and the embedded broker (at {@code /observe/health}); the app's meters
 * next to Camel's (at {@code /observe/metrics}, with {@code camel.metrics.enabled}); the operator page and its JSON
 * API (at {@code /langgraph/}). Replays need {@code langgraph.admin-token}; without it the page is read-only.
 */
public final class OperatorListener extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorListener.class);

    private final Supplier<EmbeddedBroker> broker;
    private final ScheduleTracker tracker = new ScheduleTracker();

    /** @param broker the embedded JMS broker, or a supplier of null when there is none */
    public OperatorListener(Supplier<EmbeddedBroker> broker) {
        this.broker = broker;
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        main.getCamelContext().getManagementStrategy().addEventNotifier(tracker);
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        try {
            install(context);
        } catch (Exception e) {
            // the integration itself keeps running; only the operator view is missing
            LOG.error("Operator view not available: {}", e.getMessage(), e);
        }
    }

    private void install(CamelContext context) throws Exception {
        LangGraphComponent langgraph = context.getComponent("langgraph", LangGraphComponent.class);
        CallbackHub hub = langgraph.callbackHub();
        String token = context.getPropertiesComponent().resolveProperty("langgraph.admin-token").orElse("");
        AdminAccess admin = new AdminAccess(token);

        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            register(health, context, new LangGraphServerHealthCheck(langgraph::getConfiguration, langgraph::webhookUrlStatus));
            register(health, context, new CallbackStoreHealthCheck(hub::store));
            register(health, context, new WebhookReceiverHealthCheck(langgraph));
            EmbeddedBroker embedded = broker.get();
            if (embedded != null) {
                register(health, context, new BrokerHealthCheck(embedded));
            }
        }

        MeterRegistry meters = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        if (meters == null) {
            meters = context.getRegistry().findSingleByType(MeterRegistry.class);
        }
        if (meters != null) {
            new LangGraphMetrics(langgraph, hub, admin).bindTo(meters);
        }

        OperatorView view = new OperatorView(context, langgraph, hub, tracker, admin);
        ManagementHttpServer management = context.hasService(ManagementHttpServer.class);
        if (management == null) {
            LOG.info("Operator page off: set camel.management.enabled=true (and camel.management.port) to serve it");
            return;
        }
        new OperatorHttp(view).install(management.getRouter());
        LOG.info("Operator page at http://{}:{}{}/ ({}), health at {}, metrics {}", management.getHost(), management.getPort(),
                OperatorHttp.BASE, admin.enabled() ? "replay allowed with the admin token" : "read-only: no langgraph.admin-token",
                management.isHealthCheckEnabled() ? management.getHealthPath() : "off",
                management.isMetricsEnabled() && meters != null ? "at /observe/metrics" : "off");
    }

    private static void register(HealthCheckRegistry registry, CamelContext context, org.apache.camel.impl.health.AbstractHealthCheck check) {
        check.setCamelContext(context);
        registry.register(check);
    }
}
