package io.camellanggraph.outputs;

import java.time.Duration;
import java.util.List;

import io.camellanggraph.app.bridge.BridgeRequests;
import io.camellanggraph.callback.CallbackCounters;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.store.InboxRecord;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routes/request-reply.camel.yaml, with a reply the broker refuses: the client names as its reply queue an address
 * that is a topic (another client subscribed to it as one), so a reply sent as to a queue is refused. The reply is
 * retried (outputs.redelivery.maximum, 3 here), then the run's outcome is a dead letter (failed) with the broker's
 * reason, where the operator page lists dead letters, and it is not tried again by itself.
 */
class UndeliverableReplyIsADeadLetterWithItsReasonTest extends OutputsTestSupport {

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/request-reply.camel.yaml");
    }

    @Test
    void replyTheBrokerRefusesIsRetriedThenDeadLetteredWithTheReason() throws Exception {
        CallbackCounters counters = langgraph().callbackHub().counters();
        try (Connection connection = client().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createTopic("esb.topic.replies"));
            TextMessage request = session.createTextMessage("{\"text\": \"nowhere to go\"}");
            request.setStringProperty(LangGraphConstants.ASSISTANT_ID, "echo");
            request.setJMSReplyTo(session.createQueue("esb.topic.replies"));
            request.setJMSCorrelationID("order-d1");
            session.createProducer(session.createQueue("langgraph.requests")).send(request);

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
}
