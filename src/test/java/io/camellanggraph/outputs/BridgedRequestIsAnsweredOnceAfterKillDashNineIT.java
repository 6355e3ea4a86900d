package io.camellanggraph.outputs;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.BridgeRows;
import io.camellanggraph.testsupport.TestDirs;
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

    private final Path data = TestDirs.create("bridge-kill-data-");
    private final Path out = TestDirs.create("bridge-kill-out-");
    private final Path work = TestDirs.create("bridge-kill-work-");
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
            assertThat(BridgeRows.runStatus(data, server, runId)).as("the run is still running at the kill").isIn("pending", "running");
            first.kill();
        }
        // the run ends while the app is down: its webhook reaches nobody
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> "success".equals(BridgeRows.runStatus(data, server, runId)));

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
        return BridgeRows.columnByCorrelation(data, "order-kill-1", "run_id");
    }

    private String requestState() {
        return BridgeRows.columnByCorrelation(data, "order-kill-1", "state");
    }
}
