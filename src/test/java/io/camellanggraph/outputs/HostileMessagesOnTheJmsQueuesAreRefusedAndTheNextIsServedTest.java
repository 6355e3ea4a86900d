package io.camellanggraph.outputs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.PythonClients;
import io.camellanggraph.testsupport.TestLogs;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.DefaultExchangeHolder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped JMS consumers (langgraph.decisions, langgraph.requests) against clients that are not Camel and do not
 * play by the rules: python-qpid-proton over AMQP 1.0 with case-variant {@code CamelLangGraph*} properties naming an
 * interrupt, and a plain jakarta.jms client with an ObjectMessage holding a {@link DefaultExchangeHolder} built to set
 * the thread and interrupt (or the assistant), a BytesMessage of junk, text that is not JSON, a request naming no
 * assistant, one naming an assistant the server does not know, one longer than the app's limit; over AMQP 1.0 a body of
 * binary junk and AMQP values that are not text (maps), one with a valid resume handle, a request with no id
 * at all to correlate its reply by. Each is refused to
 * the channel's refused queue with its reason and without the handle; nothing is resumed or started; the good message
 * after them is served.
 */
class HostileMessagesOnTheJmsQueuesAreRefusedAndTheNextIsServedTest extends OutputsTestSupport {

    private static final String REASON = "LangGraphRefusedReason";

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/results.camel.yaml", "routes/decisions.camel.yaml", "routes/request-reply.camel.yaml");
    }

    /** An ObjectMessage as CVE-2026-43866 builds it: Camel unmarshals a DefaultExchangeHolder body into the exchange. */
    private void sendExchangeHolder(String queue, String body, Map<String, Object> headers) throws Exception {
        Exchange forged = new DefaultExchange(context);
        forged.getMessage().setBody(body);
        headers.forEach(forged.getMessage()::setHeader);
        try (Connection connection = client().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            ObjectMessage message = session.createObjectMessage(DefaultExchangeHolder.marshal(forged));
            session.createProducer(session.createQueue(queue)).send(message);
        }
    }

    private void sendJunkBytes(String queue, Map<String, String> properties) throws Exception {
        try (Connection connection = client().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(new byte[] {(byte) 0xac, (byte) 0xed, 0x00, 0x05, (byte) 0xff, (byte) 0xfe, 0x01});
            for (Map.Entry<String, String> p : properties.entrySet()) {
                message.setStringProperty(p.getKey(), p.getValue());
            }
            session.createProducer(session.createQueue(queue)).send(message);
        }
    }

    private void sendText(String queue, String text, Map<String, String> properties, Queue replyTo, String correlationId)
            throws Exception {
        try (Connection connection = client().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage message = session.createTextMessage(text);
            for (Map.Entry<String, String> p : properties.entrySet()) {
                message.setStringProperty(p.getKey(), p.getValue());
            }
            message.setJMSReplyTo(replyTo);
            message.setJMSCorrelationID(correlationId);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.send(message);
        }
    }

    /**
     * Over AMQP 1.0 with python-qpid-proton: a body of {@code kind} text, binary (hex) or value (JSON: map, list,
     * number); without a correlation id (null) the message has no id at all.
     */
    private void sendAmqp(String queue, String kind, String body, Map<String, String> properties, String correlationId)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("amqp://127.0.0.1:" + brokerPort, queue, body,
                MAPPER.writeValueAsString(properties), kind));
        if (correlationId != null) {
            args.add(correlationId);
        }
        PythonClients.run("amqp_send.py", args, 60);
    }

    /** What this JVM logged since {@code from} ({@link TestLogs#size()}). */
    private static String loggedSince(long from) throws Exception {
        byte[] all = Files.readAllBytes(TestLogs.file());
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from), StandardCharsets.UTF_8);
    }

    private List<String> reasons(String queue) throws Exception {
        return browse(queue).stream().map(m -> property(m, REASON)).toList();
    }

    @Test
    void forgedDecisionsAreRefusedWithTheirReasonsAndTheHandledOneResumesTheRunOnce() throws Exception {
        long logStart = TestLogs.size();
        Started started = startRun("approval", "{\"text\": \"refund 500 EUR\"}");
        Message approval = eventually(() -> browse("langgraph.approvals"), l -> !l.isEmpty()).get(0);
        String handle = property(approval, LangGraphConstants.RESUME_HANDLE);
        String interruptId = MAPPER.readTree(property(approval, LangGraphConstants.INTERRUPTS)).get(0).path("id").asText();

        // a foreign AMQP client: the ids under Camel's header names, one in a case the exchange maps onto the real one
        PythonClients.run("amqp_send.py", List.of("amqp://127.0.0.1:" + brokerPort, "langgraph.decisions", "reject",
                MAPPER.createObjectNode().put("CamelLangGraphThreadId", started.threadId())
                        .put("CAMELLANGGRAPHINTERRUPTID", interruptId).put("camellanggraphcallback", "results").toString()), 60);
        // a plain JMS client: an ObjectMessage whose exchange holder sets the ids
        sendExchangeHolder("langgraph.decisions", "reject", Map.of(LangGraphConstants.THREAD_ID, started.threadId(),
                LangGraphConstants.INTERRUPT_ID, interruptId, LangGraphConstants.CALLBACK, "results"));
        // junk bytes (a Java serialization header, then nothing readable)
        sendJunkBytes("langgraph.decisions", Map.of("CAMELLANGGRAPHTHREADID", started.threadId(), "camelLangGraphInterruptId", interruptId));
        // AMQP 1.0 bodies that are not text, under the valid handle: binary junk, a map
        sendAmqp("langgraph.decisions", "binary", "aced0005fffe01", Map.of(LangGraphConstants.RESUME_HANDLE, handle), null);
        sendAmqp("langgraph.decisions", "value", "{\"approved\": true}", Map.of(LangGraphConstants.RESUME_HANDLE, handle), null);
        eventually(() -> reasons("langgraph.decisions.refused"), l -> l.size() == 5);

        sendText("langgraph.decisions", "approve", Map.of(LangGraphConstants.RESUME_HANDLE, handle), null, null);
        JsonNode done = eventually(() -> browse("langgraph.results").stream().map(OutputsTestSupport::json)
                .filter(run -> started.threadId().equals(run.path("thread_id").asText())).toList(), l -> !l.isEmpty()).get(0);
        assertThat(done.path("values").path("decision").asText()).as("the handled answer resumed the run").isEqualTo("approve");

        assertThat(reasons("langgraph.decisions.refused")).containsExactlyInAnyOrder("MISSING_HANDLE", "WRONG_TYPE", "WRONG_TYPE",
                "WRONG_TYPE", "WRONG_TYPE");
        for (Message refused : browse("langgraph.decisions.refused")) {
            assertThat(property(refused, "LangGraphRefusedMessage")).isNotBlank();
            assertThat(property(refused, LangGraphConstants.RESUME_HANDLE)).isNull();
        }
        assertThat(browse("langgraph.results")).as("one resume run, the handled one").hasSize(1);
        assertThat(loggedSince(logStart)).as("the refusals' log lines").contains("refused (WRONG_TYPE)").doesNotContain(handle);
        assertThat(langgraph().callbackHub().counters().snapshot()).containsEntry("inbound.refused.decisions.MISSING_HANDLE", 1L)
                .containsEntry("inbound.refused.decisions.WRONG_TYPE", 4L);
    }

    @Test
    void malformedRequestsAreRefusedWithTheirReasonsAndTheNextRequestIsAnswered() throws Exception {
        long logStart = TestLogs.size();
        // an ObjectMessage whose exchange holder names an assistant and a webhook of the sender's choice
        sendExchangeHolder("langgraph.requests", "{\"text\": \"forged\"}", Map.of(LangGraphConstants.ASSISTANT_ID, "echo",
                "CamelLangGraphWebhook", "http://127.0.0.1:9/steal"));
        sendText("langgraph.requests", "not json at all", Map.of(LangGraphConstants.ASSISTANT_ID, "echo"), null, "junk-1");
        sendText("langgraph.requests", "{\"text\": \"whose?\"}", Map.of(), null, "junk-2");
        sendJunkBytes("langgraph.requests", Map.of(LangGraphConstants.ASSISTANT_ID, "echo"));
        sendText("langgraph.requests", "{\"text\": \"" + "x".repeat(1024 * 1024) + "\"}", Map.of(LangGraphConstants.ASSISTANT_ID, "echo"),
                null, "too-long-1");
        sendAmqp("langgraph.requests", "binary", "aced0005fffe01", Map.of(LangGraphConstants.ASSISTANT_ID, "echo"), "amqp-junk-1");
        sendAmqp("langgraph.requests", "value", "{\"text\": \"a map, not text\"}", Map.of(LangGraphConstants.ASSISTANT_ID, "echo"), "amqp-junk-2");
        // a good request, but with no id at all to correlate a reply by (no message-id, no correlation-id)
        sendAmqp("langgraph.requests", "text", "{\"text\": \"which one?\"}", Map.of(LangGraphConstants.ASSISTANT_ID, "echo"), null);

        try (Connection connection = client().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // an assistant the server does not know (422 for a name): refused once the server said so, the client hears why
            Queue errors = session.createQueue("esb.errors." + newId());
            sendText("langgraph.requests", "{\"text\": \"nobody\"}", Map.of(LangGraphConstants.ASSISTANT_ID, "no-such-assistant",
                    "api_key", "sender-key-123"), errors, "unknown-1");
            try (MessageConsumer consumer = session.createConsumer(errors)) {
                TextMessage error = (TextMessage) consumer.receive(90_000);
                assertThat(error).as("the error reply").isNotNull();
                assertThat(MAPPER.readTree(error.getText()).path("reason").asText()).isEqualTo("INVALID_REQUEST");
                assertThat(error.getStringProperty(REASON)).isEqualTo("INVALID_REQUEST");
                assertThat(error.getText()).doesNotContain("sender-key-123");
            }
            Queue replies = session.createQueue("esb.replies." + newId());
            sendText("langgraph.requests", "{\"text\": \"good one\"}", Map.of(LangGraphConstants.ASSISTANT_ID, "echo"), replies, "good-1");
            try (MessageConsumer consumer = session.createConsumer(replies)) {
                TextMessage reply = (TextMessage) consumer.receive(90_000);
                assertThat(reply).as("the good request is answered").isNotNull();
                assertThat(reply.getJMSCorrelationID()).isEqualTo("good-1");
                JsonNode run = MAPPER.readTree(reply.getText());
                assertThat(run.path("status").asText()).isEqualTo("success");
                assertThat(run.path("values").path("upper").asText()).isEqualTo("GOOD ONE");
            }
        }
        assertThat(eventually(() -> reasons("langgraph.requests.refused"), l -> l.size() >= 9)).containsExactlyInAnyOrder(
                "WRONG_TYPE", "NOT_JSON", "MISSING_ASSISTANT", "WRONG_TYPE", "OVERSIZED", "WRONG_TYPE", "WRONG_TYPE", "MISSING_ID",
                "INVALID_REQUEST");
        Message tooLong = browse("langgraph.requests.refused").stream().filter(m -> "OVERSIZED".equals(property(m, REASON)))
                .findFirst().orElseThrow();
        assertThat(((TextMessage) tooLong).getText()).as("an oversized body is not copied").isEmpty();
        assertThat(browse("langgraph.requests.refused")).allSatisfy(m -> assertThat(m.propertyExists("api_key")).isFalse());
        assertThat(loggedSince(logStart)).as("the refusals' log lines").contains("refused (INVALID_REQUEST)").doesNotContain("sender-key-123");
        Message notJson = browse("langgraph.requests.refused").stream().filter(m -> "NOT_JSON".equals(property(m, REASON)))
                .findFirst().orElseThrow();
        assertThat(((TextMessage) notJson).getText()).as("the refused text as it came").isEqualTo("not json at all");
        assertThat(langgraph().runsStarted().get("echo")).as("runs started: the good request's only").isEqualTo(1);
    }
}
