package io.camellanggraph.outputs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.camellanggraph.app.JmsBrokerListener;
import io.camellanggraph.app.outputs.OutputsRepositories;
import io.camellanggraph.testsupport.ActiveMqClassic;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.TestDirs;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The app as Camel Main runs it with the shipped results and request-reply routes and settings, on an external
 * ActiveMQ Classic reached over AMQP 1.0 by {@code jms.url} with its login (nothing embedded), in this JVM.
 */
final class AppOnActiveMqClassic implements AutoCloseable {

    private final Main main = new Main();
    private final Path dataDir = TestDirs.create("classic-app-data-");
    private final Path outDir = TestDirs.create("classic-app-out-");
    private final Thread thread;

    /** Starts the app on {@code classic}; {@code overrides} and {@code listeners} come on top of the shipped settings. */
    AppOnActiveMqClassic(ActiveMqClassic classic, Map<String, String> overrides, MainListener... listeners) {
        main.setPropertyPlaceholderLocations("classpath:application.properties,classpath:outputs.properties");
        main.addOverrideProperty("camel.management.enabled", "false");
        main.addOverrideProperty("langgraph.data-dir", dataDir.toString());
        main.addOverrideProperty("app.out-dir", outDir.toString());
        main.addOverrideProperty("camel.main.routes-include-pattern", "file:routes/results.camel.yaml,file:routes/request-reply.camel.yaml");
        main.addOverrideProperty("camel.server.enabled", "true");
        main.addOverrideProperty("camel.server.host", "127.0.0.1");
        main.addOverrideProperty("camel.server.port", Integer.toString(LangGraphTestSupport.freePort()));
        main.addOverrideProperty("langgraph.url", LangGraphServer.python().url());
        main.addOverrideProperty("jms.url", classic.amqpUrl());
        main.addOverrideProperty("jms.username", ActiveMqClassic.USER);
        main.addOverrideProperty("jms.password", ActiveMqClassic.PASSWORD);
        overrides.forEach(main::addOverrideProperty);
        JmsBrokerListener broker = new JmsBrokerListener();
        main.addMainListener(broker);
        main.addMainListener(new OutputsRepositories.Listener());
        for (MainListener listener : listeners) {
            main.addMainListener(listener);
        }
        thread = new Thread(() -> {
            try {
                main.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "app-main");
        thread.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> main.getCamelContext() != null && main.getCamelContext().isStarted());
        assertThat(broker.broker()).as("nothing embedded").isNull();
    }

    Main main() {
        return main;
    }

    /** The app's {@code langgraph.data-dir} (its stores). */
    Path dataDir() {
        return dataDir;
    }

    /** The app's {@code app.out-dir} (results, audit and dead-letter folders). */
    Path outDir() {
        return outDir;
    }

    @Override
    public void close() throws InterruptedException {
        main.completed();
        thread.join(30_000);
    }
}
