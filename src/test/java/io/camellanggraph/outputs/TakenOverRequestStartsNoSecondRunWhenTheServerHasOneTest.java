package io.camellanggraph.outputs;

import java.time.Duration;
import java.util.List;

import io.camellanggraph.app.bridge.BridgeRequests;
import io.camellanggraph.component.LangGraphConstants;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routes/request-reply.camel.yaml, taking over a request from an instance that died after it started the request's run
 * and before it recorded the run: that instance's row (another owner, no run id) and its run on the real LangGraph
 * server (named by the request's metadata, as the route starts it) are set up as it left them, then the request comes
 * again, as the broker redelivers it. The bridge finds the run on the server and starts none: the client gets one
 * reply, from that run, and the server holds one run for the request.
 */
class TakenOverRequestStartsNoSecondRunWhenTheServerHasOneTest extends OutputsTestSupport {

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/request-reply.camel.yaml");
    }

    @Test
    void redeliveredRequestWhoseRunExistsGetsThatRunsReplyAndNoSecondRun() throws Exception {
        BridgeRequests bridge = context.getRegistry().lookupByNameAndType("bridgeRequests", BridgeRequests.class);
        String requestId = BridgeRequests.requestId("jms", "queue:esb.takeover.replies", "order-t1");
        // the dead instance: its row, and the run it started with the request in the run's metadata
        long admittedAt = System.currentTimeMillis();
        bridge.store().admit(requestId, "jms", "queue:esb.takeover.replies", "order-t1", "bridge-dead", admittedAt,
                admittedAt - bridge.windowMillis());
        Exchange started = template.request("langgraph:run?threadId=new&callback=bridge", e -> {
            e.getMessage().setBody("{\"seconds\": 3}");
            e.getMessage().setHeader(LangGraphConstants.ASSISTANT_ID, "sleep");
            e.getMessage().setHeader(LangGraphConstants.METADATA, MAPPER.createObjectNode().put(BridgeRequests.METADATA, requestId)
                    .put(BridgeRequests.ADMITTED_METADATA, Long.toString(admittedAt)).toString());
        });
        assertThat(started.getException()).isNull();
        String runId = started.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);

        try (Connection connection = client().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue replies = session.createQueue("esb.takeover.replies");
            MessageConsumer consumer = session.createConsumer(replies);
            // the request again, as redelivered after the instance died
            TextMessage request = session.createTextMessage("{\"seconds\": 3}");
            request.setStringProperty(LangGraphConstants.ASSISTANT_ID, "sleep");
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("order-t1");
            session.createProducer(session.createQueue("langgraph.requests")).send(request);

            Message reply = consumer.receive(60_000);
            assertThat(reply).as("reply within 60 s").isNotNull();
            assertThat(reply.getJMSCorrelationID()).isEqualTo("order-t1");
            assertThat(reply.getStringProperty(LangGraphConstants.RUN_ID)).as("the first instance's run").isEqualTo(runId);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> consumer.receiveNoWait() == null);
        }
        assertThat(runsOfBridgeRequest(requestId)).as("one run for the request on the server").containsExactly(runId);
        assertThat(bridge.store().find(requestId).runId()).isEqualTo(runId);
        assertThat(bridge.store().find(requestId).replied()).isTrue();
    }
}
