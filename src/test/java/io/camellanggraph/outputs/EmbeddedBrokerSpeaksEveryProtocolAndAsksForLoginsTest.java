package io.camellanggraph.outputs;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.camellanggraph.app.BrokerUsers;
import io.camellanggraph.app.EmbeddedBroker;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded broker's one TCP port speaks CORE, AMQP 1.0 (Qpid JMS), OpenWire (ActiveMQ Classic's client), STOMP
 * and MQTT. With {@code jms.embedded.users}
 * every network client, whatever its protocol, must log in as one of them (a wrong password is refused), and the app's
 * in-VM connection logs in with a password made per start; without users the broker is refused on any host but
 * loopback.
 */
class EmbeddedBrokerSpeaksEveryProtocolAndAsksForLoginsTest {

    private static final String USERS = "flow:s3cret-flow,ops:pa:ss";

    @Test
    void everyProtocolIsOnTheOnePortAndEachAsksForALogin() throws Exception {
        int port = LangGraphTestSupport.freePort();
        try (EmbeddedBroker broker = EmbeddedBroker.start(tempDir(), "127.0.0.1", port, BrokerUsers.parse(USERS))) {
            // CORE: refused without a login and with a wrong password, served with a right one
            assertThatThrownBy(() -> roundTrip(new ActiveMQConnectionFactory(broker.tcpUrl()), "core"))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> roundTrip(new ActiveMQConnectionFactory(broker.tcpUrl(), "flow", "wrong"), "core"))
                    .isInstanceOf(JMSSecurityException.class);
            assertThat(roundTrip(new ActiveMQConnectionFactory(broker.tcpUrl(), "flow", "s3cret-flow"), "core")).isEqualTo("core");

            // AMQP 1.0 (Qpid JMS) on the same port; a password holding ':' works
            String amqp = "amqp://127.0.0.1:" + port;
            assertThatThrownBy(() -> roundTrip(new JmsConnectionFactory(amqp), "amqp")).isInstanceOf(JMSSecurityException.class);
            assertThat(roundTrip(new JmsConnectionFactory("ops", "pa:ss", amqp), "amqp")).isEqualTo("amqp");

            // OpenWire: ActiveMQ Classic's own client (javax.jms) on the same port
            assertThatThrownBy(() -> openWireRoundTrip(port, "flow", "wrong")).isInstanceOf(javax.jms.JMSSecurityException.class);
            assertThat(openWireRoundTrip(port, "flow", "s3cret-flow")).isEqualTo("openwire");

            // STOMP: CONNECTED for a login, ERROR for none
            assertThat(stompConnect(port, null, null)).startsWith("ERROR");
            assertThat(stompConnect(port, "flow", "s3cret-flow")).startsWith("CONNECTED");

            // MQTT 3.1.1: CONNACK return code 0 (accepted) for a login, 4/5 (bad login / not authorized) otherwise
            assertThat(mqttConnect(port, "flow", "wrong")).isIn(4, 5);
            assertThat(mqttConnect(port, "flow", "s3cret-flow")).isZero();

            // the app's own in-VM connection logs in with its per-start password; nobody else knows it
            assertThatThrownBy(() -> roundTrip(new ActiveMQConnectionFactory(broker.tcpUrl(), "camel-langgraph", ""), "app"))
                    .isInstanceOf(JMSSecurityException.class);
            assertThat(roundTrip(broker.connectionFactory(), "in-vm")).isEqualTo("in-vm");
        }
    }

    @Test
    void anOpenBrokerIsRefusedOffLoopback() throws Exception {
        assertThatThrownBy(() -> EmbeddedBroker.start(tempDir(), "0.0.0.0", LangGraphTestSupport.freePort()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jms.embedded.users");
    }

    private static Path tempDir() throws IOException {
        return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "broker-logins-");
    }

    /** Sends a text to a queue and receives it back over a fresh connection of the factory. */
    private static String roundTrip(ConnectionFactory factory, String text) throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var queue = session.createQueue("logins.test." + text);
            session.createProducer(queue).send(session.createTextMessage(text));
            MessageConsumer consumer = session.createConsumer(queue);
            return ((TextMessage) consumer.receive(30_000)).getText();
        }
    }

    /** The same round trip with ActiveMQ Classic's OpenWire client. */
    private static String openWireRoundTrip(int port, String user, String password) throws Exception {
        javax.jms.Connection connection = new org.apache.activemq.ActiveMQConnectionFactory(user, password,
                "tcp://127.0.0.1:" + port).createConnection();
        try {
            connection.start();
            javax.jms.Session session = connection.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
            javax.jms.Queue queue = session.createQueue("logins.test.openwire");
            session.createProducer(queue).send(session.createTextMessage("openwire"));
            return ((javax.jms.TextMessage) session.createConsumer(queue).receive(30_000)).getText();
        } finally {
            connection.close();
        }
    }

    /** The command of the broker's first STOMP frame after a CONNECT (with a login when given). */
    private static String stompConnect(int port, String login, String passcode) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            String frame = "CONNECT\naccept-version:1.2\nhost:127.0.0.1\n"
                    + (login == null ? "" : "login:" + login + "\npasscode:" + passcode + "\n") + "\n\0";
            socket.getOutputStream().write(frame.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                line.write(b);
            }
            return line.toString(StandardCharsets.UTF_8);
        }
    }

    /** The return code of the broker's CONNACK to an MQTT 3.1.1 CONNECT with a user name and password. */
    private static int mqttConnect(int port, String user, String password) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, (byte) 0xC2, 0, 30});
        for (String field : new String[] {"logins-test", user, password}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            body.write(bytes.length >> 8);
            body.write(bytes.length & 0xFF);
            body.write(bytes);
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(new byte[] {0x10, (byte) body.size()});
            socket.getOutputStream().write(body.toByteArray());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] connack = new byte[4];
            in.readFully(connack);
            assertThat(connack[0]).as("CONNACK").isEqualTo((byte) 0x20);
            return connack[3];
        }
    }
}
