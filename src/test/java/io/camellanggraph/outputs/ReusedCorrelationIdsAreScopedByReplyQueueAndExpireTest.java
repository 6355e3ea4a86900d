package io.camellanggraph.outputs;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.camellanggraph.app.bridge.BridgeRequests;
import io.camellanggraph.component.LangGraphConstants;
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
 * routes/request-reply.camel.yaml knows a request by its client's reply queue and correlation id, for
 * {@code outputs.bridge.request-window} only (3 s here): two clients that both number their requests from "1" each
 * get their own run and reply, and the same client using "1" again after the window gets a new run and its reply, not
 * silence; the expired rows are pruned meanwhile.
 */
class ReusedCorrelationIdsAreScopedByReplyQueueAndExpireTest extends OutputsTestSupport {

    private static final long WINDOW_MILLIS = 3_000;

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/request-reply.camel.yaml");
    }

    @Override
    protected void overrides(Properties properties) {
        properties.put("outputs.bridge.request-window", Long.toString(WINDOW_MILLIS));
    }

    @Test
    void twoClientsUsingTheSameCorrelationIdAndOneClientReusingItLaterEachGetARunAndAReply() throws Exception {
        BridgeRequests bridge = context.getRegistry().lookupByNameAndType("bridgeRequests", BridgeRequests.class);
        try (Connection connection = client().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue first = session.createQueue("esb.first.replies");
            Queue second = session.createQueue("esb.second.replies");
            MessageConsumer firstReplies = session.createConsumer(first);
            MessageConsumer secondReplies = session.createConsumer(second);

            send(session, first, "first client");
            send(session, second, "second client");
            Message firstReply = firstReplies.receive(60_000);
            Message secondReply = secondReplies.receive(60_000);
            assertThat(firstReply).as("the first client's reply").isNotNull();
            assertThat(secondReply).as("the second client's reply, same correlation id").isNotNull();
            assertThat(json(secondReply).path("values").path("text").asText()).isEqualTo("second client");
            String firstRun = firstReply.getStringProperty(LangGraphConstants.RUN_ID);
            assertThat(secondReply.getStringProperty(LangGraphConstants.RUN_ID)).isNotEqualTo(firstRun);

            // past the window the request is forgotten (its row pruned), and "1" again is a new request
            String firstId = BridgeRequests.requestId("jms", "queue:esb.first.replies", "1");
            await().atMost(Duration.ofSeconds(30)).until(() -> bridge.store().find(firstId) == null);
            send(session, first, "first client, later");
            Message later = firstReplies.receive(60_000);
            assertThat(later).as("a reply to the reused correlation id").isNotNull();
            assertThat(later.getJMSCorrelationID()).isEqualTo("1");
            assertThat(json(later).path("values").path("text").asText()).isEqualTo("first client, later");
            assertThat(later.getStringProperty(LangGraphConstants.RUN_ID)).isNotEqualTo(firstRun);
        }
    }

    private static void send(Session session, Queue replies, String text) throws Exception {
        TextMessage request = session.createTextMessage("{\"text\": \"" + text + "\"}");
        request.setStringProperty(LangGraphConstants.ASSISTANT_ID, "echo");
        request.setJMSReplyTo(replies);
        request.setJMSCorrelationID("1");
        session.createProducer(session.createQueue("langgraph.requests")).send(request);
    }
}
