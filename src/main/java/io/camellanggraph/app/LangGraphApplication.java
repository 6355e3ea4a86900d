package io.camellanggraph.app;

import java.nio.file.Path;

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
 * and changes nothing.
 */
public final class LangGraphApplication {

    private LangGraphApplication() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main(LangGraphApplication.class);
        boolean plan = args.length > 0 && args[0].equals("plan");
        // LANGGRAPH_CONFIG points at another settings file; config/ of the working directory by default
        String config = System.getenv().getOrDefault("LANGGRAPH_CONFIG", "config/application.properties");
        main.setPropertyPlaceholderLocations("file:" + config + ";optional=true,file:config/outputs.properties;optional=true");
        if (plan) {
            main.addOverrideProperty("camel.component.langgraph.planOnly", "true");
            // a plan only starts the routes long enough to compute the changes
            main.addOverrideProperty("camel.main.duration-max-seconds", "5");
        }
        main.addMainListener(new EmbeddedServerListener());
        main.addMainListener(new JmsBrokerListener());
        main.run(plan ? new String[0] : args);
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
