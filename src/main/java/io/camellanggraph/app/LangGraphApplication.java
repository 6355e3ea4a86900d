package io.camellanggraph.app;

import io.camellanggraph.app.ops.OperatorCli;
import io.camellanggraph.app.ops.OperatorListener;
import io.camellanggraph.app.outputs.OutputsRepositories;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone integration app: Camel Main with the {@code langgraph} component, routes from
 * {@code <home>/routes/*.camel.yaml} and settings resolved by {@link AppSettings} (defaults in the jar, an optional
 * {@code <home>/config/} overlay, each key overridable by environment variable, e.g. {@code LANGGRAPH_URL}, or
 * {@code -D}). With an empty {@code langgraph.url} it starts the embedded LangGraph dev server first.
 *
 * <p>Command line: no argument runs the app; {@code plan} prints what the declared server-side crons would change
 * and changes nothing; {@code status} prints the running app's pending runs, deliveries, dead letters and counters;
 * {@code replay <dedup key or run id>} routes a dead letter again (see {@link OperatorCli}).
 */
public final class LangGraphApplication {

    private static final Logger LOG = LoggerFactory.getLogger(LangGraphApplication.class);

    private LangGraphApplication() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length > 0 ? args[0] : "";
        if (command.equals("status") || command.equals("replay") || OperatorCli.isScheduleCommand(command)) {
            // talks to the running app (or its store); starts nothing
            System.exit(OperatorCli.run(args, System.out, System.err));
        }
        Main main = new Main(LangGraphApplication.class);
        boolean plan = command.equals("plan");
        configure(main, plan);
        // a stop still running after two minutes (far beyond camel.main.shutdown-timeout) ends with the JVM's 143
        SignalExit signalExit = SignalExit.install(120);
        int exit = 0;
        try {
            main.run(plan ? new String[0] : args);
        } catch (Exception e) {
            // a service manager must see the failure: without an exit the broker's threads keep the JVM up
            LOG.error("camel-langgraph failed: {}", e.getMessage());
            exit = 1;
        }
        signalExit.exit(exit);
    }

    /**
     * Sets up Camel Main as the app runs it: settings files, embedded LangGraph server and JMS broker, and (except in
     * plan mode) the operator view on the management port. Tests running the app in-process call it too.
     */
    public static void configure(Main main, boolean plan) {
        main.setPropertyPlaceholderLocations(AppSettings.locations());
        AppSettings.applyExplicitSettings(main);
        AppSettings.logOverlay();
        if (plan) {
            main.addOverrideProperty("camel.component.langgraph.planOnly", "true");
            // a plan only starts the routes long enough to compute the changes
            main.addOverrideProperty("camel.main.duration-max-seconds", "5");
            main.addOverrideProperty("camel.management.enabled", "false");
        }
        JmsBrokerListener jms = new JmsBrokerListener();
        // <home>/lib/*.jar first: the routes and the beans may need them
        main.addMainListener(ExtraLibraries.load(ExtraLibraries.directory()));
        // a missing routes directory stops the start before anything else starts
        main.addMainListener(new RoutesFoundListener());
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
            AppSettings settings = AppSettings.of(main.getCamelContext());
            // the component's URL: langgraph.url, or camel.component.langgraph.url where a user sets it directly
            if (!settings.get("camel.component.langgraph.url", "").isEmpty()) {
                return;
            }
            try {
                server = EmbeddedLangGraphServer.start(AppSettings.home(), settings.get("langgraph.embedded.kind", "python"),
                        settings.dataDir());
                main.getCamelContext().getPropertiesComponent().addOverrideProperty("langgraph.url", server.url());
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
