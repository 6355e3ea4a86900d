package io.camellanggraph.app.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.camellanggraph.app.LangGraphApplication;
import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.main.Main;

import static org.awaitility.Awaitility.await;

/**
 * The app of the operator tests, in this JVM (so a test can break and heal its output): Camel Main set up by
 * {@link LangGraphApplication#configure}, the routes below from a YAML file, free ports, the management server on
 * loopback, fed by a real LangGraph server. Outcomes of callback {@code ops} go to the test's processor.
 */
final class OperatorApp {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final Main main = new Main();
    final int managementPort = LangGraphTestSupport.freePort();
    final Path dataDir;
    private final Map<String, String> lastBodies = new ConcurrentHashMap<>();
    private Thread thread;

    /**
     * @param settings    more properties (e.g. {@code langgraph.viewer-token})
     * @param extraRoutes more YAML routes, or an empty string
     */
    OperatorApp(String name, LangGraphServer server, String adminToken, Processor output, Map<String, String> settings,
                String extraRoutes) throws IOException {
        dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "operator-" + name + "-");
        Files.writeString(dataDir.resolve("ops.camel.yaml"), ROUTES.formatted(name) + extraRoutes);
        LangGraphApplication.configure(main, false);
        main.bind("opsOutput", (Processor) exchange -> {
            lastBodies.put(exchange.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class),
                    exchange.getMessage().getBody(String.class));
            output.process(exchange);
        });
        Map<String, String> properties = new HashMap<>(Map.of(
                "camel.main.routes-include-pattern", "file:" + dataDir + "/*.camel.yaml",
                "camel.server.host", "127.0.0.1",
                "camel.server.port", Integer.toString(LangGraphTestSupport.freePort()),
                "langgraph.url", server.url(),
                "langgraph.data-dir", dataDir.toString(),
                "langgraph.admin-token", adminToken,
                "jms.embedded.port", "0",
                "camel.component.langgraph.app-name", "operator-test-" + name,
                // one Quartz scheduler per app: its name comes from the context's
                "camel.main.name", "operator-test-" + name));
        // the operator view as config/application.properties ships it
        properties.putAll(Map.of("camel.management.enabled", "true",
                "camel.management.host", "127.0.0.1",
                "camel.management.port", Integer.toString(managementPort),
                "camel.management.health-check-enabled", "true",
                "camel.management.metrics-enabled", "true"));
        properties.putAll(settings);
        properties.forEach(main::addOverrideProperty);
    }

    OperatorApp(String name, LangGraphServer server, String adminToken, Processor output, Map<String, String> settings) throws IOException {
        this(name, server, adminToken, output, settings, "");
    }

    OperatorApp(String name, LangGraphServer server, String adminToken, Processor output) throws IOException {
        this(name, server, adminToken, output, Map.of(), "");
    }

    /** Starts the app; returns once its operator API answers (with {@code authorization}, when not null). */
    OperatorApp begin(String authorization) {
        thread = new Thread(() -> {
            try {
                main.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "operator-app");
        thread.start();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> main.getCamelContext() != null
                && main.getCamelContext().isStarted() && get("/langgraph/api/status", authorization).statusCode() == 200);
        return this;
    }

    OperatorApp begin() {
        return begin(null);
    }

    void end() throws InterruptedException {
        main.completed();
        thread.join(30_000);
    }

    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    LangGraphComponent component() {
        return main.getCamelContext().getComponent("langgraph", LangGraphComponent.class);
    }

    /** Starts a run of {@code assistant} whose outcome comes back to callback {@code ops}; returns its run id. */
    String startRun(String assistant, String text) throws Exception {
        Exchange answer = main.getCamelTemplate().request("langgraph:run?assistantId=" + assistant + "&threadId=new&callback=ops",
                e -> e.getMessage().setBody("{\"text\": \"" + text + "\"}"));
        if (answer.getException() != null) {
            throw new IllegalStateException(answer.getException());
        }
        return answer.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);
    }

    List<String> failedKeys() throws Exception {
        return component().callbackHub().store().failed(100).stream().map(r -> r.entry().dedupKey()).toList();
    }

    String lastBody(String runId) {
        return lastBodies.get(runId);
    }

    HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(managementUrl() + path)).timeout(Duration.ofSeconds(20)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String authorization) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(managementUrl() + path)).header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final String ROUTES = """
        - route:
            id: ops-results
            from:
              uri: "langgraph:webhook/ops"
              steps:
                - process:
                    ref: opsOutput
                - to: "log:ops-outcome?level=DEBUG"
        - route:
            id: ops-heartbeat
            from:
              uri: "quartz:ops-%1$s/heartbeat"
              parameters:
                cron: "0/2 * * * * ?"
              steps:
                - log:
                    message: "heartbeat"
                    loggingLevel: DEBUG
        - route:
            id: ops-nightly
            from:
              uri: "quartz:ops-%1$s/nightly"
              parameters:
                cron: "0 0 3 * * ?"
              steps:
                - to: "log:ops-nightly?level=INFO"
        - route:
            id: ops-yearly
            from:
              uri: "langgraph:cron/ops-yearly"
              parameters:
                assistantId: echo
                schedule: "0 0 1 1 *"
                input: '{"text": "new year"}'
              steps:
                - process:
                    ref: opsOutput
        """;
}
