package io.camellanggraph.app;

import java.nio.file.Path;

import io.camellanggraph.app.ops.OperatorCli;
import io.camellanggraph.app.ops.OperatorListener;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The standalone integration app: Camel Main with the {@code langgraph} component, routes from
 * {@code routes/*.camel.yaml} and settings from {@code config/application.properties} (each key overridable by
 * environment variable, e.g. {@code LANGGRAPH_URL}, or {@code -D}). With an empty {@code langgraph.url} it starts
 * the embedded LangGraph dev server first.
 *
 * <p>Command line: no argument runs the app; {@code plan} prints what the declared server-side crons would change
 * and changes nothing; {@code status} prints the running app's pending runs, deliveries, dead letters and counters;
 * {@code replay <dedup key or run id>} routes a dead letter again (see {@link OperatorCli}).
 */
public final class LangGraphApplication {

    private LangGraphApplication() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length > 0 ? args[0] : "";
        if (command.equals("status") || command.equals("replay")) {
            // talks to the running app (or its store); starts nothing
            System.exit(OperatorCli.run(args, System.out, System.err));
        }
        Main main = new Main(LangGraphApplication.class);
        boolean plan = command.equals("plan");
        configure(main, plan);
        main.run(plan ? new String[0] : args);
    }

    /**
     * Sets up Camel Main as the app runs it: settings files, embedded LangGraph server and JMS broker, and (except in
     * plan mode) the operator view on the management port. Tests running the app in-process call it too.
     */
    public static void configure(Main main, boolean plan) {
        // LANGGRAPH_CONFIG points at another settings file; config/ of the working directory by default
        String config = System.getenv().getOrDefault("LANGGRAPH_CONFIG", "config/application.properties");
        main.setPropertyPlaceholderLocations("file:" + config + ";optional=true,file:config/outputs.properties;optional=true");
        if (plan) {
            main.addOverrideProperty("camel.component.langgraph.planOnly", "true");
            // a plan only starts the routes long enough to compute the changes
            main.addOverrideProperty("camel.main.duration-max-seconds", "5");
            main.addOverrideProperty("camel.management.enabled", "false");
        }
        JmsBrokerListener jms = new JmsBrokerListener();
        main.addMainListener(new EmbeddedServerListener());
        main.addMainListener(new CallbackStartupGate());
        main.addMainListener(jms);
        main.addMainListener(new OutputsRepositories.Listener());
        main.addMainListener(new QuartzClusterListener());
        if (!plan) {
            main.addMainListener(new OperatorListener(jms::broker));
        }
    }

    /** Starts the embedded LangGraph server before the routes when no server URL is configured, and stops it at the end. */
    static final class EmbeddedServerListener extends MainListenerSupport {

        private EmbeddedLangGraphServer server;

        @Override
        public void beforeConfigure(BaseMainSupport main) {
            PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
            String url = properties.resolveProperty("langgraph.url").orElse("");
            if (!url.isBlank()) {
                return;
            }
            try {
                Path home = Path.of(properties.resolveProperty("langgraph.home").orElse("."));
                Path dataDir = Path.of(properties.resolveProperty("langgraph.data-dir").orElse("data"));
                server = EmbeddedLangGraphServer.start(home, properties.resolveProperty("langgraph.embedded.kind").orElse("python"), dataDir);
                properties.addOverrideProperty("langgraph.url", server.url());
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the embedded LangGraph server: " + e.getMessage(), e);
            }
        }

        @Override
        public void afterStop(BaseMainSupport main) {
            if (server != null) {
                server.close();
            }
        }
    }
}
