package io.camellanggraph.resume;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.callback.CallbackTokens;
import io.camellanggraph.callback.CallbackUrls;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.store.Decision;
import io.camellanggraph.store.DecisionStore;
import io.camellanggraph.store.JdbcCallbackStore;
import io.camellanggraph.store.StoreLocation;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.YamlApp;
import org.apache.camel.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A process killed between "decision recorded" and "resume run started" leaves a {@code starting} decision whose owner
 * is gone and whose lease runs out. The test writes exactly that row into the stopped app's store (not a real kill:
 * the window between two statements cannot be hit by a signal reliably), with and without the run having reached the
 * server before the kill, and proves that the restarted app ends with exactly one resume run, also after a second
 * restart, and that the interrupt cannot be answered again.
 */
class DecisionLeftBetweenRecordedAndStartedIsStartedOnceTest {

    private static final String ROUTE = """
        - route:
            from:
              uri: "langgraph:webhook/approvals"
              steps:
                - process:
                    ref: collect-outcomes
        """;

    private final LangGraphServer server = LangGraphServer.python();
    private final int port = LangGraphTestSupport.freePort();
    private final Path data = io.camellanggraph.testsupport.TestDirs.create("decisions-");
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private YamlApp app;

    private YamlApp restart() throws Exception {
        if (app != null) {
            app.close();
        }
        app = new YamlApp(server, port, data);
        // recovery looks every half lease
        app.langgraph().setLeaseTime(2000);
        app.langgraph().setReconcileAfter(2000);
        app.langgraph().setReconcileInterval(1000);
        return app.routes(ROUTE).start();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private Message asked() throws Exception {
        restart();
        String thread = app.context().createProducerTemplate().request("langgraph:run?assistantId=approval&threadId=new&callback=approvals",
                e -> e.getMessage().setBody("{\"text\": \"kill me\"}")).getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class);
        return outcome(thread, 1);
    }

    private Message outcome(String thread, int n) {
        await().atMost(Duration.ofSeconds(60)).until(() -> ofThread(thread).size() >= n);
        return ofThread(thread).get(n - 1);
    }

    private List<Message> ofThread(String thread) {
        return app.collected("outcomes").stream().filter(m -> thread.equals(m.getHeader(LangGraphConstants.THREAD_ID))).toList();
    }

    /** The row a process killed right after recording leaves: owner gone, lease run out, no run id. */
    private Decision killedAfterRecording(Message asked, String answer) {
        ResumeHandle handle = new ResumeHandleSigner(LangGraphTestSupport.SECRET.getBytes())
                .verify(asked.getHeader(LangGraphConstants.RESUME_HANDLE, String.class));
        Decision d = new Decision(handle.threadId(), handle.interruptId(), handle.callback(), answer, "ops@example.com",
                System.currentTimeMillis(), UUID.randomUUID().toString(), Decision.STARTING, null, null);
        try (JdbcCallbackStore store = StoreLocation.of(null, null, null, data).open()) {
            assertThat(new DecisionStore(store.dataSource()).record(d, "killed-instance", System.currentTimeMillis() - 1)).isTrue();
        }
        return d;
    }

    private Decision stored(Decision d) {
        try (JdbcCallbackStore store = StoreLocation.of(null, null, null, data).open()) {
            return new DecisionStore(store.dataSource()).find(d.threadId(), d.interruptId());
        }
    }

    private int runsOf(String thread) throws Exception {
        return mapper.readTree(http.send(HttpRequest.newBuilder(URI.create(server.url() + "/threads/" + thread + "/runs?limit=100"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body()).size();
    }

    private JsonNode values(Message outcome) throws Exception {
        return mapper.readTree(outcome.getBody(String.class)).path("values");
    }

    @Test
    void recordedDecisionWithoutItsRunIsStartedOnceAfterTheRestart() throws Exception {
        Message asked = asked();
        String thread = asked.getHeader(LangGraphConstants.THREAD_ID, String.class);
        app.close();
        Decision d = killedAfterRecording(asked, "\"approve\"");
        restart();

        Message resumed = outcome(thread, 1);
        assertThat(values(resumed).path("decision").asText()).isEqualTo("approve");
        assertThat(runsOf(thread)).isEqualTo(2);
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(asked.getHeader(LangGraphConstants.RESUME_URL, String.class)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("\"reject\"")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(409);

        restart();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> ofThread(thread).isEmpty());
        assertThat(runsOf(thread)).as("exactly one resume run").isEqualTo(2);
        app.close();
        assertThat(stored(d).state()).isEqualTo(Decision.STARTED);
    }

    @Test
    void runCreatedJustBeforeTheKillIsFoundAndNotStartedAgain() throws Exception {
        Message asked = asked();
        String thread = asked.getHeader(LangGraphConstants.THREAD_ID, String.class);
        app.close();
        Decision d = killedAfterRecording(asked, "\"reject\"");
        // the killed process had created the run (its correlation id in the metadata) but not marked the decision;
        // its webhook finds nobody listening, so the restarted app learns of it from the server
        ObjectNode request = mapper.createObjectNode().put("assistant_id", "approval").put("webhook",
                new CallbackUrls("http://127.0.0.1:" + port + "/langgraph/webhook",
                        new CallbackTokens(LangGraphTestSupport.SECRET.getBytes())).callbackUrl("approvals", d.correlationId()));
        request.putObject("command").putObject("resume").put(d.interruptId(), "reject");
        request.putObject("metadata").put(CallbackHub.CORRELATION_METADATA, d.correlationId());
        http.send(HttpRequest.newBuilder(URI.create(server.url() + "/threads/" + thread + "/runs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        restart();
        Message resumed = outcome(thread, 1);
        assertThat(values(resumed).path("decision").asText()).isEqualTo("reject");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(8)).until(() -> ofThread(thread).size() == 1);
        assertThat(runsOf(thread)).as("found, not started again").isEqualTo(2);
        app.close();
        assertThat(stored(d).state()).isEqualTo(Decision.STARTED);
    }
}
