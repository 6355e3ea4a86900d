package io.camellanggraph.cron;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.client.CallTimeouts;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.client.Run;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.TestDirs;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.YamlApp;
import org.apache.camel.Message;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server-side cron's run that ends while the app is down: its webhook fails (nobody listens), the server gives up,
 * and no pending run records it, since the server started it. When the app is back, the cron's runs are looked up on
 * the server and that outcome is routed, once, with source {@code poll}. Against the real Python server's cron
 * scheduler, so it waits for a real minute tick.
 */
class CronRunEndingWhileTheAppIsDownIsRoutedAfterTheRestartTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final LangGraphServer server = LangGraphServer.python();
    private final String appName = "downtime-" + UUID.randomUUID().toString().substring(0, 8);
    private final int port = LangGraphTestSupport.freePort();
    private final Path data = TestDirs.create("downtime-");
    private final LangGraphClient client = new LangGraphClient(HttpClients.createDefault(), server.url(), null, MAPPER,
            CallTimeouts.DEFAULTS, java.util.concurrent.Executors.newSingleThreadScheduledExecutor());

    private static final String ROUTE = """
        - route:
            from:
              uri: "langgraph:cron/downtime"
              parameters:
                assistantId: echo
                schedule: "* * * * *"
                input: '{"text": "while you were out"}'
              steps:
                - process:
                    ref: collect-outcomes
        """;

    private YamlApp app() throws Exception {
        YamlApp app = new YamlApp(server, port, data);
        app.langgraph().setAppName(appName);
        return app.routes(ROUTE);
    }

    @AfterEach
    void deleteTheCron() {
        for (JsonNode cron : new CronReconciler(client, appName).owned("downtime")) {
            client.deleteCron(cron.path("cron_id").asText());
        }
    }

    @Test
    void cronRunThatEndedWhileTheAppWasDownIsRoutedOnceByPolling() throws Exception {
        try (YamlApp first = app()) {
            first.start();
            assertThat(first.langgraph().getCronChanges()).extracting(CronChange::action).containsExactly(CronChange.Action.CREATE);
        }

        // the app is down: the next tick's run ends, its webhook finds nobody listening
        Run ended = await().atMost(Duration.ofMinutes(2).plusSeconds(30)).pollInterval(Duration.ofSeconds(2))
                .until(this::endedRunOfTheCron, run -> run != null);
        await().atMost(Duration.ofSeconds(60)).until(() -> server.log().contains("failed to call webhook"));

        try (YamlApp second = app()) {
            second.start();
            List<Message> outcomes = second.collected("outcomes");
            await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.stream()
                    .anyMatch(m -> ended.runId().equals(m.getHeader(LangGraphConstants.RUN_ID))));
            Message outcome = outcomes.stream().filter(m -> ended.runId().equals(m.getHeader(LangGraphConstants.RUN_ID)))
                    .findFirst().orElseThrow();
            assertThat(outcome.getHeader(LangGraphConstants.SOURCE)).isEqualTo("poll");
            assertThat(outcome.getHeader(LangGraphConstants.CRON_NAME)).isEqualTo("downtime");
            assertThat(MAPPER.readTree(outcome.getBody(String.class)).path("values").path("upper").asText())
                    .isEqualTo("WHILE YOU WERE OUT");
            // the next reconcile pass finds it again on the server, and routes nothing a second time
            second.langgraph().callbackHub().routeUnrouted();
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> outcomes.stream()
                    .filter(m -> ended.runId().equals(m.getHeader(LangGraphConstants.RUN_ID))).count() == 1);
        }
    }

    /** An ended run of this test's cron, found on the server the way an operator would. */
    private Run endedRunOfTheCron() {
        var query = MAPPER.createObjectNode().put("limit", 10);
        query.putObject("metadata").put(CronReconciler.APP_METADATA, appName).put(CronReconciler.NAME_METADATA, "downtime");
        for (JsonNode thread : client.searchThreads(query)) {
            for (Run run : client.listRuns(thread.path("thread_id").asText(), 10)) {
                if (run.isTerminal()) {
                    return run;
                }
            }
        }
        return null;
    }
}
