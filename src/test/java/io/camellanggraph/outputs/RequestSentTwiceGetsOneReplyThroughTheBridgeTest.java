package io.camellanggraph.outputs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.app.bridge.BridgeRequests;
import io.camellanggraph.component.LangGraphConstants;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routes/request-reply.camel.yaml runs each request once: a JMS client that sends the same request again (same
 * reply queue and JMSCorrelationID, as a client retrying after its own timeout would) while the first is running gets
 * exactly one reply, from a run of the real LangGraph server; sent once more after its reply came, it gets that reply
 * again, from no second run; a different request is still answered.
 */
class RequestSentTwiceGetsOneReplyThroughTheBridgeTest extends OutputsTestSupport {

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/request-reply.camel.yaml");
    }

    @Test
    void requestSentAgainStartsNoSecondRunAndGetsTheFirstReply() throws Exception {
        NotifyBuilder fourRequestsDone = new NotifyBuilder(context).fromRoute("request-reply-bridge").whenDone(4).create();
        try (Connection connection = client().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageProducer requests = session.createProducer(session.createQueue("langgraph.requests"));
            MessageConsumer consumer = session.createConsumer(replies);

            // a run that takes a few seconds, sent twice before it ends
            requests.send(request(session, replies, "order-5001", "{\"seconds\": 3}"));
            requests.send(request(session, replies, "order-5001", "{\"seconds\": 3}"));
            Message reply = consumer.receive(60_000);
            assertThat(reply).as("reply within 60 s").isNotNull();
            assertThat(reply.getJMSCorrelationID()).isEqualTo("order-5001");
            JsonNode run = MAPPER.readTree(((TextMessage) reply).getText());
            assertThat(run.path("status").asText()).isEqualTo("success");

            // once more after the reply: no second run, the first reply again (a client that lost it gets it); then
            // another request
            requests.send(request(session, replies, "order-5001", "{\"seconds\": 3}"));
            Message again = consumer.receive(60_000);
            assertThat(again).as("the first reply again").isNotNull();
            assertThat(again.getJMSCorrelationID()).isEqualTo("order-5001");
            assertThat(json(again).path("run_id").asText()).isEqualTo(run.path("run_id").asText());
            assertThat(again.getStringProperty(LangGraphConstants.RUN_ID)).isEqualTo(run.path("run_id").asText());
            assertThat(again.getStringProperty(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
            requests.send(request(session, replies, "order-5002", "{\"seconds\": 0}"));
            Message other = consumer.receive(60_000);
            assertThat(other).isNotNull();
            assertThat(other.getJMSCorrelationID()).isEqualTo("order-5002");

            // every request has been processed, and the copies of order-5001 started nothing that could answer:
            // no more replies come, and the server ran one run for it
            assertThat(fourRequestsDone.matches(60, TimeUnit.SECONDS)).isTrue();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> consumer.receiveNoWait() == null);
            assertThat(runsOfBridgeRequest(BridgeRequests.requestId("jms", "queue:" + replies.getQueueName(), "order-5001")))
                    .containsExactly(run.path("run_id").asText());
        }
    }

    private static TextMessage request(Session session, TemporaryQueue replies, String correlationId, String input) throws Exception {
        TextMessage request = session.createTextMessage(input);
        request.setStringProperty(LangGraphConstants.ASSISTANT_ID, "sleep");
        request.setJMSReplyTo(replies);
        request.setJMSCorrelationID(correlationId);
        return request;
    }
}
