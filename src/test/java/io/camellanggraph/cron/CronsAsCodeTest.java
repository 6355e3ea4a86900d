package io.camellanggraph.cron;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
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
    private final CronsAsCodeApp crons = new CronsAsCodeApp(LangGraphServer.python());
    private final List<Message> outcomes = new CopyOnWriteArrayList<>();
    private CamelContext context;

    @AfterEach
    void deleteTheTestsCrons() throws Exception {
        if (context != null) {
            context.stop();
        }
        crons.deleteAll();
    }

    private CamelContext startApp(String yaml, boolean prune, boolean plan) throws Exception {
        return crons.start(yaml, prune, plan, e -> outcomes.add(e.getMessage().copy()));
    }

    private static String cronRoute(String name, String schedule, String input, boolean enabled) {
        return CronsAsCodeApp.cronRoute(name, Map.of("assistantId", "echo", "schedule", schedule, "timezone", "Europe/Berlin",
                "input", input, "enabled", String.valueOf(enabled)));
    }

    private JsonNode serverCron(String name) throws Exception {
        return crons.serverCron(context, name);
    }

    private static CronChange.Action actionOf(CamelContext ctx, String name) {
        return CronsAsCodeApp.changeOf(ctx, name).action();
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
