package io.camellanggraph.cron;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Server-side crons declared in YAML routes ({@code from: langgraph:cron/<name>}), against the real Python server:
 * each app start makes the server match the routes; plan mode changes nothing; pruning deletes what no route declares.
 */
class CronsAsCodeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final LangGraphServer server = LangGraphServer.python();
    private final String app = "crons-as-code-" + System.nanoTime();
    private final int port = LangGraphTestSupport.freePort();
    private final List<Message> outcomes = new CopyOnWriteArrayList<>();
    private CamelContext context;

    @AfterEach
    void deleteTheTestsCrons() throws Exception {
        if (context != null) {
            context.stop();
        }
        // an app that declares nothing and prunes: every cron of this test's app name goes
        startApp("", true, false).stop();
    }

    private CamelContext startApp(String yaml, boolean prune, boolean plan) throws Exception {
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
        ctx.getRegistry().bind("collect", (org.apache.camel.Processor) e -> outcomes.add(e.getMessage().copy()));
        String routes = yaml + (prune ? pruner() : "");
        if (!routes.isBlank()) {
            PluginHelper.getRoutesLoader(ctx).loadRoutes(ResourceHelper.fromString("crons.camel.yaml", routes));
        }
        ctx.start();
        return ctx;
    }

    /** A cron route that only exists to switch pruning on (it declares a harmless disabled cron). */
    private static String pruner() {
        return cronRoute("keeper", "0 0 1 1 *", "{\"text\": \"keeper\"}", false).replace("enabled: false", "enabled: false\n        prune: true");
    }

    private static String cronRoute(String name, String schedule, String input, boolean enabled) {
        return """
            - route:
                from:
                  uri: "langgraph:cron/%s"
                  parameters:
                    assistantId: echo
                    schedule: "%s"
                    timezone: Europe/Berlin
                    input: '%s'
                    enabled: %s
                  steps:
                    - process:
                        ref: collect
            """.formatted(name, schedule, input, enabled);
    }

    private List<JsonNode> serverCrons() throws Exception {
        org.apache.camel.ProducerTemplate template = context.createProducerTemplate();
        String found = template.requestBody("langgraph:cronSearch?metadata={\"camel_langgraph_app\": \"" + app + "\"}", (Object) null, String.class);
        List<JsonNode> crons = new java.util.ArrayList<>();
        MAPPER.readTree(found).forEach(crons::add);
        return crons;
    }

    private JsonNode serverCron(String name) throws Exception {
        return serverCrons().stream().filter(c -> name.equals(c.path("metadata").path("camel_langgraph_cron").asText()))
                .findFirst().orElse(null);
    }

    private static CronChange.Action actionOf(CamelContext ctx, String name) {
        return ctx.getComponent("langgraph", LangGraphComponent.class).getCronChanges().stream()
                .filter(c -> c.name().equals(name)).findFirst().orElseThrow().action();
    }

    @Test
    void declaringChangingAndRemovingACronInYamlKeepsTheServerInLine() throws Exception {
        context = startApp(cronRoute("digest", "0 3 * * *", "{\"text\": \"v1\"}", true), false, false);
        assertThat(actionOf(context, "digest")).isEqualTo(CronChange.Action.CREATE);
        JsonNode created = serverCron("digest");
        assertThat(created.path("schedule").asText()).isEqualTo("0 3 * * *");
        assertThat(created.path("payload").path("input").path("text").asText()).isEqualTo("v1");
        context.stop();

        // restart unchanged: nothing to do, same cron
        context = startApp(cronRoute("digest", "0 3 * * *", "{\"text\": \"v1\"}", true), false, false);
        assertThat(actionOf(context, "digest")).isEqualTo(CronChange.Action.UNCHANGED);
        context.stop();

        // schedule, input and enabled changed in YAML: the same cron is updated in place
        context = startApp(cronRoute("digest", "0 4 * * 1-5", "{\"text\": \"v2\"}", false), false, false);
        assertThat(actionOf(context, "digest")).isEqualTo(CronChange.Action.UPDATE);
        JsonNode updated = serverCron("digest");
        assertThat(updated.path("cron_id").asText()).isEqualTo(created.path("cron_id").asText());
        assertThat(updated.path("schedule").asText()).isEqualTo("0 4 * * 1-5");
        assertThat(updated.path("enabled").asBoolean()).isFalse();
        assertThat(updated.path("payload").path("input").path("text").asText()).isEqualTo("v2");
        context.stop();

        // stopping the app never deletes its crons (rolling restarts); a start without the route but with pruning does
        context = startApp("", false, false);
        assertThat(serverCron("digest")).isNotNull();
        context.stop();
        context = startApp("", true, false);
        assertThat(serverCron("digest")).isNull();
        assertThat(serverCron("keeper")).isNotNull();
    }

    @Test
    void planModeReportsTheChangesAndChangesNothing() throws Exception {
        context = startApp(cronRoute("planned", "0 3 * * *", "{\"text\": \"v1\"}", true), false, false);
        context.stop();
        context = startApp(cronRoute("planned", "0 5 * * *", "{\"text\": \"v1\"}", true)
                + cronRoute("brand-new", "0 6 * * *", "{}", true), false, true);
        assertThat(actionOf(context, "planned")).isEqualTo(CronChange.Action.UPDATE);
        assertThat(actionOf(context, "brand-new")).isEqualTo(CronChange.Action.CREATE);
        assertThat(serverCron("planned").path("schedule").asText()).isEqualTo("0 3 * * *");
        assertThat(serverCron("brand-new")).isNull();
    }

    @Test
    void everyMinuteCronsRunsArriveAtItsRouteWithTheirValues() throws Exception {
        context = startApp(cronRoute("minutely", "* * * * *", "{\"text\": \"tick\"}", true), false, false);
        Message outcome = await().atMost(Duration.ofMinutes(2).plusSeconds(30)).until(() -> outcomes.stream().findFirst().orElse(null),
                m -> m != null);
        assertThat(outcome.getHeader(LangGraphConstants.CRON_NAME)).isEqualTo("minutely");
        assertThat(outcome.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
        assertThat(MAPPER.readTree(outcome.getBody(String.class)).path("values").path("upper").asText()).isEqualTo("TICK");
        assertThat(Map.of("source", outcome.getHeader(LangGraphConstants.SOURCE))).containsEntry("source", "webhook");
    }
}
