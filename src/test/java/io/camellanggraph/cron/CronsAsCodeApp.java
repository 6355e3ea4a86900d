package io.camellanggraph.cron;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Starts the app the way crons-as-code runs it: YAML routes declaring {@code langgraph:cron/<name>} against a real
 * server, under one app name per test, and reads back what the server then holds.
 */
final class CronsAsCodeApp {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LangGraphServer server;
    private final String app = "crons-as-code-" + System.nanoTime();
    private final int port = LangGraphTestSupport.freePort();

    CronsAsCodeApp(LangGraphServer server) {
        this.server = server;
    }

    String name() {
        return app;
    }

    /** A started context with {@code yaml}'s routes; {@code prune} adds a route that switches pruning on. */
    CamelContext start(String yaml, boolean prune, boolean plan, Processor collect) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost("127.0.0.1");
        http.setBindPort(port);
        ctx.addService(new VertxPlatformHttpServer(http));
        LangGraphComponent langgraph = new LangGraphComponent();
        langgraph.getConfiguration().setUrl(server.url());
        langgraph.setAppName(app);
        langgraph.setPlanOnly(plan);
        langgraph.setDataDir(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "crons-").toString());
        langgraph.setWebhookBaseUrl("http://127.0.0.1:" + port);
        langgraph.setWebhookSecret(LangGraphTestSupport.SECRET);
        ctx.addComponent("langgraph", langgraph);
        ctx.getRegistry().bind("collect", collect);
        String routes = yaml + (prune ? pruner() : "");
        if (!routes.isBlank()) {
            PluginHelper.getRoutesLoader(ctx).loadRoutes(ResourceHelper.fromString("crons.camel.yaml", routes));
        }
        ctx.start();
        return ctx;
    }

    /** Deletes every cron of this app: a start that declares nothing and prunes. */
    void deleteAll() throws Exception {
        start("", true, false, e -> { }).stop();
    }

    /** A cron route declaring {@code name} with these endpoint options. */
    static String cronRoute(String name, Map<String, String> parameters) {
        String options = parameters.entrySet().stream()
                .map(p -> "          " + p.getKey() + ": '" + p.getValue() + "'")
                .collect(Collectors.joining("\n"));
        return """
            - route:
                from:
                  uri: "langgraph:cron/%s"
                  parameters:
            %s
                  steps:
                    - process:
                        ref: collect
            """.formatted(name, options);
    }

    /** A cron route that only exists to switch pruning on (it declares a harmless disabled cron). */
    private static String pruner() {
        return cronRoute("keeper", Map.of("assistantId", "echo", "schedule", "0 0 1 1 *", "input", "{\"text\": \"keeper\"}",
                "enabled", "false", "prune", "true"));
    }

    List<JsonNode> serverCrons(CamelContext ctx) throws Exception {
        String found = ctx.createProducerTemplate().requestBody(
                "langgraph:cronSearch?metadata={\"camel_langgraph_app\": \"" + app + "\"}", (Object) null, String.class);
        List<JsonNode> crons = new ArrayList<>();
        MAPPER.readTree(found).forEach(crons::add);
        return crons;
    }

    JsonNode serverCron(CamelContext ctx, String name) throws Exception {
        return serverCrons(ctx).stream().filter(c -> name.equals(c.path("metadata").path("camel_langgraph_cron").asText()))
                .findFirst().orElse(null);
    }

    static CronChange changeOf(CamelContext ctx, String name) {
        return ctx.getComponent("langgraph", LangGraphComponent.class).getCronChanges().stream()
                .filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
