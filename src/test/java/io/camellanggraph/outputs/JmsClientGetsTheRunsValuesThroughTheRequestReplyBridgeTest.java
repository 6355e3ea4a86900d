package io.camellanggraph.outputs;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.component.LangGraphConstants;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/request-reply.camel.yaml: a plain JMS client, connected over TCP like any other flow, sends a request to
 * langgraph.requests (body = the input, CamelLangGraphAssistantId names the assistant, CamelLangGraphThreadId
 * optionally the thread) with a JMSReplyTo and a JMSCorrelationID, and gets the run of a real LangGraph server back
 * with its values and its correlation id.
 */
class JmsClientGetsTheRunsValuesThroughTheRequestReplyBridgeTest extends OutputsTestSupport {

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/request-reply.camel.yaml");
    }

    @Test
    void jmsClientGetsTheRunsValuesWithItsCorrelationId() throws Exception {
        try (Connection connection = client().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageProducer requests = session.createProducer(session.createQueue("langgraph.requests"));
            MessageConsumer consumer = session.createConsumer(replies);

            // a new thread (none named)
            TextMessage request = session.createTextMessage("{\"text\": \"bridge me\"}");
            request.setStringProperty(LangGraphConstants.ASSISTANT_ID, "echo");
            // a JMS client cannot set other producer options, e.g. where the outcome goes
            request.setStringProperty("CamelLangGraphWebhook", "http://127.0.0.1:1/elsewhere");
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("order-4711");
            requests.send(request);

            Message reply = consumer.receive(60_000);
            assertThat(reply).as("reply within 60 s").isNotNull();
            assertThat(reply.getJMSCorrelationID()).isEqualTo("order-4711");
            JsonNode run = MAPPER.readTree(((TextMessage) reply).getText());
            assertThat(run.path("status").asText()).isEqualTo("success");
            assertThat(run.path("values").path("upper").asText()).isEqualTo("BRIDGE ME");
            assertThat(run.has("kwargs")).isFalse();
            assertThat(reply.getStringProperty(LangGraphConstants.RUN_ID)).isEqualTo(run.path("run_id").asText());
            assertThat(reply.getStringProperty(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
            assertThat(reply.getStringProperty(LangGraphConstants.CALLBACK)).isEqualTo("bridge");
            String threadId = run.path("thread_id").asText();
            assertThat(reply.getStringProperty(LangGraphConstants.THREAD_ID)).isEqualTo(threadId);

            // the same thread again, named by the request: the thread's state carries on
            TextMessage second = session.createTextMessage("{\"text\": \"again\"}");
            second.setStringProperty(LangGraphConstants.ASSISTANT_ID, "echo");
            second.setStringProperty(LangGraphConstants.THREAD_ID, threadId);
            second.setJMSReplyTo(replies);
            second.setJMSCorrelationID("order-4712");
            requests.send(second);
            Message secondReply = consumer.receive(60_000);
            assertThat(secondReply).isNotNull();
            assertThat(secondReply.getJMSCorrelationID()).isEqualTo("order-4712");
            JsonNode secondRun = MAPPER.readTree(((TextMessage) secondReply).getText());
            assertThat(secondRun.path("thread_id").asText()).isEqualTo(threadId);
            assertThat(secondRun.path("values").path("upper").asText()).isEqualTo("AGAIN");

            // a failing run is a reply too: its status and error
            TextMessage failing = session.createTextMessage("{\"text\": \"bad input\"}");
            failing.setStringProperty(LangGraphConstants.ASSISTANT_ID, "fail");
            failing.setJMSReplyTo(replies);
            failing.setJMSCorrelationID("order-4713");
            requests.send(failing);
            Message failed = consumer.receive(60_000);
            assertThat(failed.getJMSCorrelationID()).isEqualTo("order-4713");
            assertThat(failed.getStringProperty(LangGraphConstants.RUN_STATUS)).isEqualTo("error");
            assertThat(failed.getStringProperty(LangGraphConstants.ERROR)).contains("boom: bad input");

            // no assistant named: an error reply, still correlated, instead of silence
            TextMessage unnamed = session.createTextMessage("{\"text\": \"who runs me?\"}");
            unnamed.setJMSReplyTo(replies);
            unnamed.setJMSCorrelationID("order-4714");
            requests.send(unnamed);
            Message refused = consumer.receive(60_000);
            assertThat(refused.getJMSCorrelationID()).isEqualTo("order-4714");
            assertThat(MAPPER.readTree(((TextMessage) refused).getText()).path("status").asText()).isEqualTo("error");
            assertThat(refused.getStringProperty(LangGraphConstants.ERROR)).contains("assistantId");
        }
    }
}
