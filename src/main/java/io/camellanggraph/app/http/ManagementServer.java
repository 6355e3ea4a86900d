package io.camellanggraph.app.http;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpMethod;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/**
 * The app's management server ({@code camel.management.*}): Camel's health checks at {@code healthPath} (with
 * {@code /live} and {@code /ready}, the JSON Camel Main serves, 503 when DOWN), Prometheus metrics at
 * {@code /observe/metrics} from a registry bound as {@code metricsRegistry} (JVM and process meters plus whatever
 * the app binds to it), and the router on which the operator page mounts. On the callback server's port it shares
 * that server, as Camel Main's does.
 */
public final class ManagementServer extends MainServer {

    public static final String METRICS_PATH = "/observe/metrics";
    /** The registry's name in Camel's registry, where the app's meters find it. */
    public static final String METRICS_REGISTRY = "metricsRegistry";

    private final String healthPath;
    private final boolean metricsEnabled;
    private PrometheusMeterRegistry metrics;

    ManagementServer(String healthPath, boolean metricsEnabled) {
        this.healthPath = healthPath;
        this.metricsEnabled = metricsEnabled;
    }

    public boolean isHealthCheckEnabled() {
        return healthPath != null;
    }

    public String getHealthPath() {
        return healthPath;
    }

    public boolean isMetricsEnabled() {
        return metricsEnabled;
    }

    @Override
    protected String serverType() {
        return VertxPlatformHttpRouter.SERVER_TYPE_MANAGEMENT;
    }

    @Override
    protected void doInit() throws Exception {
        VertxPlatformHttpServer callbacks = getCamelContext().hasService(VertxPlatformHttpServer.class);
        if (callbacks == null || callbacks.getConfigurationPort() != getPort()) {
            super.doInit();
        }
        if (metricsEnabled) {
            metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new JvmMemoryMetrics().bindTo(metrics);
            new JvmGcMetrics().bindTo(metrics);
            new JvmThreadMetrics().bindTo(metrics);
            new ClassLoaderMetrics().bindTo(metrics);
            new ProcessorMetrics().bindTo(metrics);
            new UptimeMetrics().bindTo(metrics);
            getCamelContext().getRegistry().bind(METRICS_REGISTRY, metrics);
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        PlatformHttpComponent platformHttp = getCamelContext().getComponent("platform-http", PlatformHttpComponent.class);
        if (healthPath != null) {
            HealthEndpoint health = new HealthEndpoint(getCamelContext());
            for (String path : new String[] {healthPath, healthPath + "/live", healthPath + "/ready"}) {
                // blocking: a check may call the LangGraph server or the database
                getRouter().route(path).method(HttpMethod.GET).produces("application/json")
                        .blockingHandler(ctx -> health.handle(ctx, path.substring(healthPath.length())), true);
            }
            platformHttp.addHttpManagementEndpoint(healthPath, "GET", null, "application/json", null);
        }
        if (metrics != null) {
            getRouter().route(METRICS_PATH).method(HttpMethod.GET).blockingHandler(ctx -> ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()), true);
            platformHttp.addHttpManagementEndpoint(METRICS_PATH, "GET", null, "text/plain", null);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (metrics != null) {
            metrics.close();
        }
    }
}
