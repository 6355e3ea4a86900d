package io.camellanggraph.outputs;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.app.bridge.BridgeRequests;
import io.camellanggraph.app.ops.OperatorStatus;
import io.camellanggraph.callback.CallbackCounters;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.store.InboxRecord;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routes/request-reply.camel.yaml, with a reply the broker refuses: the client names as its reply queue an address
 * that is a topic (another client subscribed to it as one), so a reply sent as to a queue is refused. The reply is
 * retried (outputs.redelivery.maximum, 3 here), then the run's outcome is a dead letter (failed) with the broker's
 * reason, where the operator page lists dead letters, and it is not tried again by itself. The same for the error
 * reply to a request that starts no run: the request is a dead letter on the operator page, acknowledged, and the
 * request after it is answered; neither the dead letter nor the refused copy carries the sender's key or handle.
 */
class UndeliverableReplyIsADeadLetterWithItsReasonTest extends OutputsTestSupport {

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/request-reply.camel.yaml");
    }

    private static TextMessage request(Session session, String body, String assistant, Queue replyTo, String correlationId)
            throws Exception {
        TextMessage request = session.createTextMessage(body);
        if (assistant != null) {
            request.setStringProperty(LangGraphConstants.ASSISTANT_ID, assistant);
        }
        request.setJMSReplyTo(replyTo);
        request.setJMSCorrelationID(correlationId);
        return request;
    }

    private static void send(Session session, TextMessage request) throws Exception {
        session.createProducer(session.createQueue("langgraph.requests")).send(request);
    }

    @Test
    void replyTheBrokerRefusesIsRetriedThenDeadLetteredWithTheReason() throws Exception {
        CallbackCounters counters = langgraph().callbackHub().counters();
        try (Connection connection = client().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createTopic("esb.topic.replies"));
            send(session, request(session, "{\"text\": \"nowhere to go\"}", "echo", session.createQueue("esb.topic.replies"), "order-d1"));

            InboxRecord dead = await().atMost(Duration.ofSeconds(60))
                    .until(() -> langgraph().callbackHub().store().failed(10), failed -> failed.size() == 1).get(0);
            assertThat(dead.entry().callback()).isEqualTo("bridge");
            assertThat(dead.reason()).contains("esb.topic.replies").contains("ANYCAST");
            // settled as failed: not retried again by itself, the request not marked answered
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> counters.get("failed") == 1
                    && langgraph().callbackHub().store().failed(10).size() == 1);
            BridgeRequests bridge = context.getRegistry().lookupByNameAndType("bridgeRequests", BridgeRequests.class);
            assertThat(bridge.store().find(BridgeRequests.requestId("jms", "queue:esb.topic.replies", "order-d1")).replied()).isFalse();
        }
    }

    @Test
    void errorReplyTheBrokerRefusesIsADeadLetterOnTheOperatorPageAndTheNextRequestIsAnswered() throws Exception {
        CallbackCounters counters = langgraph().callbackHub().counters();
        try (Connection connection = client().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createTopic("esb.topic.errors"));
            // no assistant named: refused, and its error reply goes to an address the broker refuses it for
            TextMessage request = request(session, "{\"text\": \"whose?\"}", null, session.createQueue("esb.topic.errors"), "order-e1");
            request.setStringProperty("api_key", "sender-key-123");
            request.setStringProperty("camel_langgraph_resume_handle", "sender-handle-456");
            send(session, request);
            Queue replies = session.createQueue("esb.replies.e2");
            send(session, request(session, "{\"text\": \"next\"}", "echo", replies, "order-e2"));

            try (MessageConsumer consumer = session.createConsumer(replies)) {
                TextMessage reply = (TextMessage) consumer.receive(90_000);
                assertThat(reply).as("the request after the undeliverable error reply is answered").isNotNull();
                assertThat(reply.getJMSCorrelationID()).isEqualTo("order-e2");
            }
            BridgeRequests bridge = context.getRegistry().lookupByNameAndType("bridgeRequests", BridgeRequests.class);
            String requestId = BridgeRequests.requestId("jms", "queue:esb.topic.errors", "order-e1");
            await().atMost(Duration.ofSeconds(60)).until(() -> "failed".equals(bridge.store().find(requestId).state()));
            // acknowledged: not delivered again and again, one dead letter
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> counters.get("bridge.reply.failed") == 1
                    && browse("langgraph.requests").isEmpty());

            JsonNode dead = OperatorStatus.of(context, 10).path("deadLetters").get(0);
            assertThat(dead.path("dedupKey").asText()).isEqualTo(requestId);
            assertThat(dead.path("reason").asText()).contains("esb.topic.errors").contains("ANYCAST");
            assertThat(dead.path("payload").asText()).contains("\"reason\":\"MISSING_ASSISTANT\"", "\"status\":\"error\"")
                    .doesNotContain("sender-key-123", "sender-handle-456");
            assertThat(dead.path("replayable").asBoolean()).isFalse();
            Message refused = browse("langgraph.requests.refused").get(0);
            assertThat(refused.getStringProperty("LangGraphRefusedReason")).isEqualTo("MISSING_ASSISTANT");
            assertThat(refused.propertyExists("api_key")).as("the sender's key does not travel on").isFalse();
            assertThat(refused.propertyExists("camel_langgraph_resume_handle")).as("nor a handle in any spelling").isFalse();
        }
    }
}
