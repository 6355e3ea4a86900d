package io.camellanggraph.outputs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.PythonClients;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/request-reply.camel.yaml answers clients of every protocol of the embedded broker's one port, on a reply
 * queue of the client's own naming (a plain address, as ESB, RabbitMQ and Service Bus users name theirs) and on a
 * temporary one: CORE (Artemis' JMS client), AMQP 1.0 (python-qpid-proton, a receiver on a plain address, no
 * capabilities), OpenWire (ActiveMQ Classic's client) and STOMP (frames on a socket; STOMP has no temporary queues).
 * Each gets the run of a real LangGraph server with its correlation id.
 */
class RepliesReachNamedAndTemporaryQueuesOverEveryProtocolTest extends OutputsTestSupport {

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/request-reply.camel.yaml");
    }

    @Test
    void coreClientGetsItsReplyOnANamedAndOnATemporaryQueue() throws Exception {
        try (Connection connection = client().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertReply(session, session.createQueue("esb.core.replies"), "core-named");
            assertReply(session, session.createTemporaryQueue(), "core-temporary");
        }
    }

    @Test
    void amqpClientGetsItsReplyOnAPlainAddressOfItsOwnNaming() throws Exception {
        String out = PythonClients.run("amqp_request_reply.py", List.of("amqp://127.0.0.1:" + brokerPort, "langgraph.requests",
                "echo", "{\"text\": \"amqp-named\"}", "amqp-named", "60", "esb.amqp.replies"), 90);

        JsonNode reply = MAPPER.readTree(out);
        assertThat(reply.path("correlation_id").asText()).isEqualTo("amqp-named");
        assertThat(MAPPER.readTree(reply.path("body").asText()).path("values").path("upper").asText()).isEqualTo("AMQP-NAMED");
    }

    @Test
    void openWireClientGetsItsReplyOnANamedAndOnATemporaryQueue() throws Exception {
        javax.jms.Connection connection = new org.apache.activemq.ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort)
                .createConnection();
        try {
            connection.start();
            javax.jms.Session session = connection.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
            assertOpenWireReply(session, session.createQueue("esb.openwire.replies"), "openwire-named");
            assertOpenWireReply(session, session.createTemporaryQueue(), "openwire-temporary");
        } finally {
            connection.close();
        }
    }

    @Test
    void stompClientGetsItsReplyOnANamedQueue() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", brokerPort)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            send(out, "CONNECT", Map.of("accept-version", "1.2", "host", "127.0.0.1"), "");
            assertThat(readFrame(in).command()).isEqualTo("CONNECTED");
            send(out, "SUBSCRIBE", Map.of("id", "1", "destination", "esb.stomp.replies", "ack", "auto"), "");
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("destination", "langgraph.requests");
            headers.put("reply-to", "esb.stomp.replies");
            headers.put("correlation-id", "stomp-named");
            headers.put(LangGraphConstants.ASSISTANT_ID, "echo");
            send(out, "SEND", headers, "{\"text\": \"stomp-named\"}");

            Frame reply = readFrame(in);
            assertThat(reply.command()).isEqualTo("MESSAGE");
            assertThat(reply.headers()).containsEntry("correlation-id", "stomp-named");
            assertThat(MAPPER.readTree(reply.body()).path("values").path("upper").asText()).isEqualTo("STOMP-NAMED");
            send(out, "DISCONNECT", Map.of(), "");
        }
    }

    private void assertReply(Session session, Destination replies, String correlationId) throws Exception {
        TextMessage request = session.createTextMessage("{\"text\": \"" + correlationId + "\"}");
        request.setStringProperty(LangGraphConstants.ASSISTANT_ID, "echo");
        request.setJMSReplyTo(replies);
        request.setJMSCorrelationID(correlationId);
        session.createProducer(session.createQueue("langgraph.requests")).send(request);
        Message reply = session.createConsumer(replies).receive(60_000);
        assertThat(reply).as("reply to " + correlationId + " within 60 s").isNotNull();
        assertThat(reply.getJMSCorrelationID()).isEqualTo(correlationId);
        assertThat(json(reply).path("values").path("upper").asText()).isEqualTo(correlationId.toUpperCase());
    }

    private static void assertOpenWireReply(javax.jms.Session session, javax.jms.Destination replies, String correlationId)
            throws Exception {
        javax.jms.TextMessage request = session.createTextMessage("{\"text\": \"" + correlationId + "\"}");
        request.setStringProperty(LangGraphConstants.ASSISTANT_ID, "echo");
        request.setJMSReplyTo(replies);
        request.setJMSCorrelationID(correlationId);
        session.createProducer(session.createQueue("langgraph.requests")).send(request);
        javax.jms.Message reply = session.createConsumer(replies).receive(60_000);
        assertThat(reply).as("reply to " + correlationId + " within 60 s").isNotNull();
        assertThat(reply.getJMSCorrelationID()).isEqualTo(correlationId);
        assertThat(MAPPER.readTree(((javax.jms.TextMessage) reply).getText()).path("values").path("upper").asText())
                .isEqualTo(correlationId.toUpperCase());
    }

    private record Frame(String command, Map<String, String> headers, String body) {
    }

    private static void send(OutputStream out, String command, Map<String, String> headers, String body) throws IOException {
        StringBuilder frame = new StringBuilder(command).append('\n');
        headers.forEach((name, value) -> frame.append(name).append(':').append(value).append('\n'));
        frame.append('\n').append(body).append('\0');
        out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next frame (heart-beat newlines skipped). */
    private static Frame readFrame(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b = in.read();
        while (b == '\n' || b == '\r') {
            b = in.read();
        }
        for (; b != 0; b = in.read()) {
            if (b == -1) {
                throw new IOException("connection closed within a frame: " + bytes.toString(StandardCharsets.UTF_8));
            }
            bytes.write(b);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        int blank = text.indexOf("\n\n");
        String[] lines = text.substring(0, blank).split("\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1));
        }
        return new Frame(lines[0], headers, text.substring(blank + 2));
    }
}
