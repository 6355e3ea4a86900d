package io.camellanggraph.app.ops;

import java.util.function.Supplier;

import io.camellanggraph.app.EmbeddedBroker;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.callback.LatencyListener;
import io.camellanggraph.component.LangGraphComponent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import io.camellanggraph.app.http.ManagementServer;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator view of the app, on Camel Main's management server ({@code camel.management.*}): the embedded
 * broker's health check next to the component's (at {@code /observe/health}); the app's meters
 * next to the JVM's (at {@code /observe/metrics}, with {@code camel.management.metrics-enabled}); the operator page and its JSON
 * API (at {@code /langgraph/}). Reading needs {@code langgraph.viewer-token} unless the management server is bound
 * to loopback; replays and "run now" need {@code langgraph.admin-token} (without it the page is read-only).
 *
 * <p>The latency histograms and the runs' timelines are {@link LatencyListener}s of the callback path, which tells
 * them each outcome's latencies.
 */
public final class OperatorListener extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorListener.class);

    private final Supplier<EmbeddedBroker> broker;
    private final ScheduleTracker tracker = new ScheduleTracker();
    private final RunTimeline timeline = new RunTimeline();

    /** @param broker the embedded JMS broker, or a supplier of null when there is none */
    public OperatorListener(Supplier<EmbeddedBroker> broker) {
        this.broker = broker;
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        main.getCamelContext().getManagementStrategy().addEventNotifier(tracker);
        main.getCamelContext().getManagementStrategy().addEventNotifier(timeline);
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
        PropertiesComponent properties = context.getPropertiesComponent();
        AdminAccess admin = new AdminAccess(properties.resolveProperty("langgraph.admin-token").orElse(""));

        // the LangGraph server and callback store checks are the component's own; the broker is the app's
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        EmbeddedBroker embedded = broker.get();
        if (health != null && embedded != null) {
            BrokerHealthCheck check = new BrokerHealthCheck(embedded);
            check.setCamelContext(context);
            health.register(check);
        }

        tracker.declare(context);
        QuartzComponent quartz = context.hasComponent("quartz") instanceof QuartzComponent q ? q : null;
        if (quartz != null && quartz.getScheduler() != null) {
            quartz.getScheduler().getListenerManager().addTriggerListener(tracker.misfires());
        }
        hub.counters().addLatencyListener(timeline);
        MeterRegistry meters = context.getRegistry().lookupByNameAndType(ManagementServer.METRICS_REGISTRY, MeterRegistry.class);
        if (meters == null) {
            meters = context.getRegistry().findSingleByType(MeterRegistry.class);
        }
        if (meters != null) {
            LatencyListener histograms = new LangGraphMetrics(langgraph, hub, admin, tracker).bindTo(meters);
            hub.counters().addLatencyListener(histograms);
        }

        OperatorView view = new OperatorView(context, langgraph, hub, tracker, timeline, admin, brokerName(properties));
        ManagementServer management = context.hasService(ManagementServer.class);
        if (management == null) {
            LOG.info("Operator page off: set camel.management.enabled=true (and camel.management.port) to serve it");
            return;
        }
        ViewerAccess viewers = new ViewerAccess(properties.resolveProperty("langgraph.viewer-token").orElse(""), admin,
                management.getHost());
        new OperatorHttp(view, viewers).install(management.getRouter());
        LOG.info("Operator page at http://{}:{}{}/ ({}; {}), health at {}, metrics {}", management.getHost(), management.getPort(),
                OperatorHttp.BASE, viewers.tokenRequired() ? "viewer token required" : viewers.closed()
                        ? "closed: not on loopback and no langgraph.viewer-token" : "open on loopback",
                admin.enabled() ? "changes with the admin token" : "read-only: no langgraph.admin-token",
                management.isHealthCheckEnabled() ? management.getHealthPath() : "off",
                management.isMetricsEnabled() && meters != null ? "at " + ManagementServer.METRICS_PATH : "off");
    }

    /** The JMS broker as the page's summary names it: never with credentials. */
    private String brokerName(PropertiesComponent properties) {
        EmbeddedBroker embedded = broker.get();
        if (embedded != null) {
            // port 0: no TCP acceptor, only this app reaches it
            return embedded.tcpUrl().endsWith(":0") ? "embedded Artemis (in-VM only)" : "embedded Artemis at " + embedded.tcpUrl();
        }
        String url = properties.resolveProperty("jms.url").orElse("");
        return url.isBlank() ? "none" : URISupport.sanitizeUri(url.contains("?") ? url.substring(0, url.indexOf('?')) : url);
    }

}
