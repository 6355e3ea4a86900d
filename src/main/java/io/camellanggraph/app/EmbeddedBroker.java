package io.camellanggraph.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's default JMS broker: an embedded ActiveMQ Artemis, persistent (NIO journal, bindings, paging and large
 * messages under one directory, normally {@code <langgraph.data-dir>/broker}), with one TCP acceptor for other flows
 * ({@code <host>:<port>}, loopback by default) speaking every protocol Artemis speaks ({@link #PROTOCOLS}: CORE, AMQP
 * 1.0, OpenWire, STOMP, MQTT), and an in-VM acceptor the app itself connects through, so the app keeps working when
 * the TCP port is taken (or is 0: no TCP acceptor). Addresses a client names without saying queue or topic are queues
 * (ANYCAST), so a reply queue of a client's own naming works over every protocol. Duplicate detection is on with a persistent id cache, so a message
 * sent again with the same {@code _AMQ_DUPL_ID} is dropped, across restarts too. Logins: with no {@link BrokerUsers}
 * the broker is open and must listen on a loopback address; with users, every network client logs in as one of them.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    /** In-VM acceptor ids are per JVM: each broker of a JVM (tests run several) gets its own. */
    private static final AtomicInteger IN_VM_IDS = new AtomicInteger(100);
    /** Duplicate ids remembered per address (Artemis' default, said explicitly). */
    public static final int DUPLICATE_ID_CACHE_SIZE = 20_000;
    /** The wire protocols of the TCP acceptor (Artemis' protocol modules are on the classpath). */
    public static final String PROTOCOLS = "CORE,AMQP,OPENWIRE,STOMP,MQTT";

    private final Path directory;
    private final String host;
    private final int port;
    private final int inVmId;
    private final BrokerUsers users;
    private EmbeddedActiveMQ broker;

    private EmbeddedBroker(Path directory, String host, int port, BrokerUsers users) {
        this.directory = directory.toAbsolutePath();
        this.host = host;
        this.port = port;
        this.users = users;
        this.inVmId = IN_VM_IDS.incrementAndGet();
    }

    /** Starts an open broker keeping its journal in {@code directory}, accepting connections on loopback {@code host:port}. */
    public static EmbeddedBroker start(Path directory, String host, int port) throws Exception {
        return start(directory, host, port, BrokerUsers.parse(""));
    }

    /**
     * Starts a broker whose network clients log in as one of {@code users}; with none, {@code host} must be a loopback
     * address (an open broker is refused anywhere else).
     */
    public static EmbeddedBroker start(Path directory, String host, int port, BrokerUsers users) throws Exception {
        if (users.isEmpty() && port > 0 && !InetAddress.getByName(host).isLoopbackAddress()) {
            throw new IllegalArgumentException("jms.embedded.host=" + host + " is not a loopback address: set"
                    + " jms.embedded.users (name:password,...) so that clients must log in, or bind to 127.0.0.1");
        }
        EmbeddedBroker broker = new EmbeddedBroker(directory, host, port, users);
        broker.start();
        return broker;
    }

    /** Starts the broker (again, after {@link #stop()}): what the journal holds is there again. */
    public synchronized EmbeddedBroker start() throws Exception {
        if (broker != null) {
            return this;
        }
        Files.createDirectories(directory);
        Configuration config = new ConfigurationImpl()
                .setName("camel-langgraph")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(!users.isEmpty())
                .setJMXManagementEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(directory.resolve("journal").toString())
                .setBindingsDirectory(directory.resolve("bindings").toString())
                .setPagingDirectory(directory.resolve("paging").toString())
                .setLargeMessagesDirectory(directory.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(directory.toString())
                // duplicate detection: a redelivered outcome carries the same _AMQ_DUPL_ID and is dropped; the ids of
                // the last 20,000 messages per address are kept in the journal, so a restart still knows them
                .setIDCacheSize(DUPLICATE_ID_CACHE_SIZE)
                .setPersistIDCache(true);
        // messages a consumer gave up on (10 attempts) and expired messages: Artemis' usual DLQ and ExpiryQueue;
        // an address a client names without saying queue or topic (a plain AMQP receiver, a STOMP SUBSCRIBE) is
        // created as a queue, not Artemis' default MULTICAST: a reply queue of a client's own naming is then the same
        // queue the bridge answers to (JMS topics, MQTT and AMQP "topic" capabilities still make multicast addresses)
        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setMaxDeliveryAttempts(10)
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST));
        config.addAcceptorConfiguration("in-vm", "vm://" + inVmId);
        // Artemis does not start at all when an acceptor cannot bind: a taken port only costs the TCP acceptor
        boolean tcp = port > 0 && portFree();
        if (tcp) {
            config.addAcceptorConfiguration("tcp", tcpUrl() + "?protocols=" + PROTOCOLS);
        }
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
        embedded.setConfiguration(config);
        if (!users.isEmpty()) {
            embedded.setSecurityManager(users);
        }
        embedded.start();
        if (!embedded.getActiveMQServer().isActive()) {
            embedded.stop();
            throw new IllegalStateException("the embedded ActiveMQ Artemis broker did not become active (see its log)");
        }
        broker = embedded;
        if (tcp) {
            LOG.info("Embedded ActiveMQ Artemis broker started: {} speaking {}, {} (journal in {})", tcpUrl(), PROTOCOLS,
                    users.isEmpty() ? "open (loopback)" : "login required, users " + users.names(), directory);
        } else {
            LOG.warn("Embedded ActiveMQ Artemis broker started without a TCP acceptor ({}): only this app reaches it"
                    + " (journal in {})", port > 0 ? tcpUrl() + " is taken" : "port " + port, directory);
        }
        return this;
    }

    private boolean portFree() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** Stops the broker; persistent messages stay in the journal. */
    public synchronized EmbeddedBroker stop() throws Exception {
        if (broker != null) {
            try {
                broker.stop();
            } finally {
                broker = null;
            }
            LOG.info("Embedded ActiveMQ Artemis broker stopped");
        }
        return this;
    }

    public synchronized boolean isStarted() {
        return broker != null && broker.getActiveMQServer().isActive();
    }

    /** The URL other local clients connect to: {@code tcp://<host>:<port>}. */
    public String tcpUrl() {
        return "tcp://" + host + ":" + port;
    }

    /** The in-VM URL the app connects through. */
    public String inVmUrl() {
        return "vm://" + inVmId;
    }

    public Path directory() {
        return directory;
    }

    /**
     * A connection factory for the app's own traffic (in-VM, no reconnect: a stopped broker fails the send at once,
     * so the route's error handler retries it and dead-letters it).
     */
    public ConnectionFactory connectionFactory() {
        return users.isEmpty() ? new ActiveMQConnectionFactory(inVmUrl())
                : new ActiveMQConnectionFactory(inVmUrl(), BrokerUsers.APP_USER, users.appPassword());
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (Exception e) {
            LOG.warn("Embedded broker did not stop cleanly: {}", e.getMessage());
        }
    }
}
