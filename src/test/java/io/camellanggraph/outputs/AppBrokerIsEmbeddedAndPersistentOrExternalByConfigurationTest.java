package io.camellanggraph.outputs;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.camellanggraph.app.EmbeddedBroker;
import io.camellanggraph.app.JmsBrokerListener;
import io.camellanggraph.app.outputs.OutputsRepositories;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The app's JMS broker as Camel Main sets it up through {@link JmsBrokerListener} with the shipped config files:
 * embedded and persistent (journal under {@code <langgraph.data-dir>/broker}, surviving a restart), reachable by other
 * local clients on the configured loopback port; or an external broker by {@code jms.url} and credentials, with nothing
 * embedded. Either way the run headers travel as JMS properties.
 */
class AppBrokerIsEmbeddedAndPersistentOrExternalByConfigurationTest {

    @Test
    void embeddedBrokerKeepsPersistentMessagesInTheDataDirectoryAcrossRestarts() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "broker-data-");
        int port = LangGraphTestSupport.freePort();
        JmsBrokerListener listener = new JmsBrokerListener();
        AppMain main = app(listener, dataDir).withOverride("jms.embedded.port", Integer.toString(port));
        main.begin();
        try {
            assertThat(listener.broker()).isNotNull();
            assertThat(listener.broker().directory()).isEqualTo(dataDir.resolve("broker"));
            assertThat(listener.broker().tcpUrl()).isEqualTo("tcp://127.0.0.1:" + port);
            main.getCamelTemplate().sendBodyAndHeader("direct:out", "{\"kept\": true}", LangGraphConstants.RUN_ID, "run-1");
        } finally {
            main.end();
        }
        assertThat(listener.broker().isStarted()).as("stopped with the app").isFalse();
        assertThat(dataDir.resolve("broker/journal")).isDirectory();

        // the same data directory, a new broker: the message is still there, with the run id as a JMS property
        try (EmbeddedBroker again = EmbeddedBroker.start(dataDir.resolve("broker"), "127.0.0.1", port)) {
            List<Message> kept = browse(new ActiveMQConnectionFactory(again.tcpUrl()), "outputs.test");
            assertThat(kept).singleElement().satisfies(m -> {
                assertThat(((TextMessage) m).getText()).isEqualTo("{\"kept\": true}");
                assertThat(m.getStringProperty(LangGraphConstants.RUN_ID)).isEqualTo("run-1");
            });
        }
    }

    @Test
    void externalBrokerByConfigurationEmbedsNothing() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "broker-data-");
        Path externalDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "external-broker-");
        try (EmbeddedBroker external = EmbeddedBroker.start(externalDir, "127.0.0.1", LangGraphTestSupport.freePort())) {
            JmsBrokerListener listener = new JmsBrokerListener();
            AppMain main = app(listener, dataDir).withOverride("jms.url", external.tcpUrl())
                    .withOverride("jms.username", "flow").withOverride("jms.password", "flow-password");
            main.begin();
            try {
                assertThat(listener.broker()).isNull();
                main.getCamelTemplate().sendBodyAndHeader("direct:out", "{\"external\": true}", LangGraphConstants.RUN_STATUS, "success");
            } finally {
                main.end();
            }
            assertThat(dataDir.resolve("broker")).doesNotExist();
            List<Message> received = browse(new ActiveMQConnectionFactory(external.tcpUrl()), "outputs.test");
            assertThat(received).singleElement().satisfies(m ->
                    assertThat(m.getStringProperty(LangGraphConstants.RUN_STATUS)).isEqualTo("success"));
        }
    }

    @Test
    void aTakenPortOnlyCostsTheTcpAcceptorTheAppStillHasItsBroker() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "broker-data-");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            JmsBrokerListener listener = new JmsBrokerListener();
            AppMain main = app(listener, dataDir).withOverride("jms.embedded.port", Integer.toString(taken.getLocalPort()));
            main.begin();
            try {
                main.getCamelTemplate().sendBody("direct:out", "{\"in-vm\": true}");
                List<Message> received = browse(new ActiveMQConnectionFactory(listener.broker().inVmUrl()), "outputs.test");
                assertThat(received).hasSize(1);
            } finally {
                main.end();
            }
        }
    }

    @Test
    void shippedRoutesStartInCamelMainWithTheShippedConfigAndFileARun() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "app-data-");
        Path outDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "app-out-");
        JmsBrokerListener listener = new JmsBrokerListener();
        AppMain main = app(listener, dataDir)
                .withOverride("camel.main.routes-include-pattern", "file:routes/*.camel.yaml")
                .withOverride("camel.server.enabled", "true")
                .withOverride("camel.server.host", "127.0.0.1")
                .withOverride("camel.server.port", Integer.toString(LangGraphTestSupport.freePort()))
                .withOverride("langgraph.url", LangGraphServer.python().url())
                .withOverride("app.out-dir", outDir.toString())
                .withOverride("jms.embedded.port", Integer.toString(LangGraphTestSupport.freePort()));
        main.begin();
        try {
            assertThat(main.getCamelContext().getRoutes()).extracting(r -> r.getRouteId())
                    .contains("results", "results-file", "results-queue", "results-messages", "results-mail", "results-digest",
                            "results-audit", "results-dead-letter", "request-reply-bridge", "bridge-outcomes", "bridge-reply",
                            "example-results");
            String runId = main.getCamelTemplate().request("langgraph:run?assistantId=echo&threadId=new&callback=results",
                    e -> e.getMessage().setBody("{\"text\": \"in the app\"}")).getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);
            Path file = outDir.resolve("results/success/" + runId + ".json");
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(file));
            assertThat(Files.readString(file)).contains("IN THE APP");
            // the audit line comes by wire tap, off the route's thread: it may land after the result file
            Path audit = outDir.resolve("audit/results.jsonl");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(audit) && Files.readString(audit).contains(runId));
        } finally {
            main.end();
        }
    }

    /** Camel Main as the app configures it: the shipped config files, the listeners, one route to a queue. */
    private static AppMain app(JmsBrokerListener listener, Path dataDir) {
        AppMain main = new AppMain();
        main.setPropertyPlaceholderLocations("classpath:application.properties,classpath:outputs.properties");
        main.addOverrideProperty("langgraph.data-dir", dataDir.toString());
        main.addOverrideProperty("camel.main.routes-include-pattern", "file:" + dataDir + "/*.camel.yaml");
        main.addOverrideProperty("camel.server.enabled", "false");
        main.addMainListener(listener);
        main.addMainListener(new OutputsRepositories.Listener());
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:out").to("jms:queue:outputs.test?exchangePattern=InOnly");
            }
        });
        return main;
    }

    private static List<Message> browse(ActiveMQConnectionFactory factory, String queue) throws Exception {
        try (factory; Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
                List<Message> messages = new ArrayList<>();
                for (Object m : Collections.list(browser.getEnumeration())) {
                    messages.add((Message) m);
                }
                return messages;
            }
        }
    }

    /** Camel Main run as the app runs it ({@code run()} until completed), so the listeners see start and stop. */
    private static final class AppMain extends Main {

        private Thread thread;

        AppMain withOverride(String key, String value) {
            addOverrideProperty(key, value);
            return this;
        }

        void begin() {
            thread = new Thread(() -> {
                try {
                    run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "app-main");
            thread.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> getCamelContext() != null && getCamelContext().isStarted());
        }

        void end() throws InterruptedException {
            completed();
            thread.join(30_000);
        }
    }
}
