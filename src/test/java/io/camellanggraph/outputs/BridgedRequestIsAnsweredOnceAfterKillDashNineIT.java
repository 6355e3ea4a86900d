package io.camellanggraph.outputs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.PackagedApp;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No request left unanswered: the packaged app ({@code java -jar}, the shipped routes, its embedded broker); a JMS client
 * (over TCP, like any flow) sends a request with a named reply queue and a JMSCorrelationID for a slow run of the real
 * Python server; while the run runs the app is killed ({@code kill -9}: broker, receiver and bridge die together); the
 * run ends while nothing listens for its webhook; the app is started again on the same data directory and ports. The
 * client gets exactly one reply, correlated, with the run's values: the request and its reply destination were
 * recorded before the request was acknowledged, and the outcome, found by reconciliation, is replied once.
 */
class BridgedRequestIsAnsweredOnceAfterKillDashNineIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String REPLIES = "esb.replies";

    private final Path data = tempDir("bridge-kill-data-");
    private final Path out = tempDir("bridge-kill-out-");
    private final Path work = tempDir("bridge-kill-work-");
    private final int port = LangGraphTestSupport.freePort();
    private final int brokerPort = LangGraphTestSupport.freePort();
    private final String server = LangGraphServer.python().url();

    /** Started from a directory of its own, configured by environment variables, the shipped routes from the project. */
    private PackagedApp app(String name) throws Exception {
        return new PackagedApp(name, work, port)
                .env("LANGGRAPH_HOME", Path.of("").toAbsolutePath().toString())
                .env("LANGGRAPH_URL", server)
                .env("LANGGRAPH_WEBHOOK_SECRET", LangGraphTestSupport.SECRET)
                .env("LANGGRAPH_DATA_DIR", data.toString())
                .env("APP_OUT_DIR", out.toString())
                .env("JMS_EMBEDDED_PORT", Integer.toString(brokerPort))
                .start().awaitReady();
    }

    @Test
    void requestWhoseAppIsKilledWhileItsRunRunsGetsExactlyOneReplyAfterTheRestart() throws Exception {
        ActiveMQConnectionFactory client = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
        String runId;
        try (PackagedApp first = app("bridge-kill-first")) {
            try (jakarta.jms.Connection connection = client.createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer requests = session.createProducer(session.createQueue("langgraph.requests"));
                TextMessage request = session.createTextMessage("{\"seconds\": 8}");
                request.setStringProperty(LangGraphConstants.ASSISTANT_ID, "sleep");
                request.setJMSReplyTo(session.createQueue(REPLIES));
                request.setJMSCorrelationID("order-kill-1");
                requests.send(request);
            }
            runId = await().atMost(Duration.ofSeconds(60)).until(this::recordedRunId, id -> id != null);
            assertThat(runStatus(runId)).as("the run is still running at the kill").isIn("pending", "running");
            first.kill();
        }
        // the run ends while the app is down: its webhook reaches nobody
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> "success".equals(runStatus(runId)));

        try (PackagedApp second = app("bridge-kill-second");
             jakarta.jms.Connection connection = client.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer replies = session.createConsumer(session.createQueue(REPLIES));
            Message reply = replies.receive(120_000);
            assertThat(reply).as("a reply after the restart").isNotNull();
            assertThat(reply.getJMSCorrelationID()).isEqualTo("order-kill-1");
            JsonNode run = MAPPER.readTree(((TextMessage) reply).getText());
            assertThat(run.path("run_id").asText()).isEqualTo(runId);
            assertThat(run.path("status").asText()).isEqualTo("success");
            assertThat(run.path("values").path("slept").asDouble()).isEqualTo(8.0);
            assertThat(reply.getStringProperty(LangGraphConstants.RUN_ID)).isEqualTo(runId);
            // exactly one: no second reply while the app keeps rescanning and reconciling, and the request is settled
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> replies.receiveNoWait() == null);
            assertThat(requestState()).isEqualTo("replied");
        }
    }

    /** The run id the bridge recorded for the request, read from the outputs' store as any SQLite client would. */
    private String recordedRunId() {
        return column("run_id");
    }

    private String requestState() {
        return column("state");
    }

    private String column(String name) {
        Path db = data.resolve("outputs.db");
        if (!Files.exists(db)) {
            return null;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement s = c.prepareStatement("SELECT " + name + " FROM lg_bridge_request WHERE request_id = ?")) {
            s.setString(1, "jms:order-kill-1");
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException notYetCreated) {
            return null;
        }
    }

    /** The run's status on the server: its thread from the app's pending run, then GET /threads/{t}/runs/{r}. */
    private String runStatus(String runId) throws Exception {
        String threadId;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("langgraph-callbacks.db"));
             PreparedStatement s = c.prepareStatement("SELECT thread_id FROM lg_pending_run WHERE run_id = ?")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                threadId = rs.next() ? rs.getString(1) : null;
            }
        }
        assertThat(threadId).as("the run is pending in the app's store").isNotNull();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server + "/threads/" + threadId + "/runs/" + runId)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return MAPPER.readTree(response.body()).path("status").asText();
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), prefix);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
