package io.camellanggraph.outputs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.ActiveMqClassic;
import io.camellanggraph.testsupport.PythonClients;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.apache.camel.main.Main;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An external broker that is not Artemis: ActiveMQ Classic 6 (started from its Maven artifacts by
 * scripts/activemq.sh, login required), which the app reaches over AMQP 1.0 by {@code jms.url=amqp://...} with
 * {@code jms.username} / {@code jms.password}, as Camel Main runs it with the shipped routes and config. A run's outcome
 * lands on Classic's langgraph.results with {@code CamelLangGraphIdempotencyKey} as a message property (Classic has no
 * duplicate detection: the key is what its consumers deduplicate by), and a Qpid JMS client on Classic gets its reply
 * through the request-reply bridge on its named reply queue.
 */
class AppUsesActiveMqClassicOverAmqpByJmsUrlTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ActiveMqClassic classic = ActiveMqClassic.shared();
    private AppOnActiveMqClassic app;
    private Main main;

    @BeforeEach
    void startApp() {
        app = new AppOnActiveMqClassic(classic, Map.of());
        main = app.main();
    }

    @AfterEach
    void stopApp() throws InterruptedException {
        app.close();
    }

    @Test
    void outcomeReachesClassicWithItsIdempotencyKeyAndTheBridgeAnswersJavaAndPythonClientsOverAmqp() throws Exception {
        JmsConnectionFactory client = new JmsConnectionFactory(ActiveMqClassic.USER, ActiveMqClassic.PASSWORD, classic.amqpUrl());
        try (Connection connection = client.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);

            // an outcome of the shipped results route, on Classic's queue
            MessageConsumer results = session.createConsumer(session.createQueue("langgraph.results"));
            String runId = main.getCamelTemplate().request("langgraph:run?assistantId=echo&threadId=new&callback=results",
                    e -> e.getMessage().setBody("{\"text\": \"to classic\"}")).getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);
            Message outcome = receiveFor(results, m -> runId.equals(m.getStringProperty(LangGraphConstants.RUN_ID)));
            assertThat(outcome.getStringProperty(LangGraphConstants.IDEMPOTENCY_KEY)).isEqualTo(runId);
            assertThat(outcome.getStringProperty(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
            JsonNode run = MAPPER.readTree(((TextMessage) outcome).getText());
            assertThat(run.path("values").path("upper").asText()).isEqualTo("TO CLASSIC");

            // the request-reply bridge, listening on Classic; the flow's named reply queue (the bridge records the reply
            // destination by name, so it can answer after a restart: a temporary queue outlives neither)
            Queue replies = session.createQueue("classic.replies." + UUID.randomUUID());
            MessageProducer requests = session.createProducer(session.createQueue("langgraph.requests"));
            TextMessage request = session.createTextMessage("{\"text\": \"bridged by classic\"}");
            request.setStringProperty(LangGraphConstants.ASSISTANT_ID, "echo");
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("classic-order-1");
            requests.send(request);
            Message reply = session.createConsumer(replies).receive(90_000);
            assertThat(reply).as("reply within 90 s").isNotNull();
            assertThat(reply.getJMSCorrelationID()).isEqualTo("classic-order-1");
            assertThat(MAPPER.readTree(((TextMessage) reply).getText()).path("values").path("upper").asText())
                    .isEqualTo("BRIDGED BY CLASSIC");

            // a Python flow (python-qpid-proton) listening on a plain address of its own naming, no capabilities
            String login = "amqp://" + ActiveMqClassic.USER + ":" + ActiveMqClassic.PASSWORD + "@" + classic.amqpUrl().substring("amqp://".length());
            JsonNode python = MAPPER.readTree(PythonClients.run("amqp_request_reply.py", List.of(login, "langgraph.requests", "echo",
                    "{\"text\": \"python on classic\"}", "classic-python-1", "90", "esb.classic.python.replies"), 120));
            assertThat(python.path("correlation_id").asText()).isEqualTo("classic-python-1");
            assertThat(MAPPER.readTree(python.path("body").asText()).path("values").path("upper").asText()).isEqualTo("PYTHON ON CLASSIC");
        }
    }

    /** The first message the consumer gets that matches (others, e.g. of runs the example route started, are skipped). */
    private static Message receiveFor(MessageConsumer consumer, JmsPredicate match) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Message m = consumer.receive(1_000);
            if (m != null && match.test(m)) {
                return m;
            }
        }
        throw new AssertionError("no matching message within 90 s");
    }

    @FunctionalInterface
    private interface JmsPredicate {
        boolean test(Message message) throws Exception;
    }
}
