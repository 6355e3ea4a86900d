package io.camellanggraph.app;

import java.util.Locale;

import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * The connection factory for an external broker, chosen by the scheme of {@code jms.url}:
 * <ul>
 * <li>{@code amqp://}, {@code amqps://}, {@code amqpws://}, {@code amqpwss://} and {@code failover:(amqp...)}: AMQP 1.0
 * through Qpid JMS, for any AMQP 1.0 broker (ActiveMQ Artemis and Classic, RabbitMQ 4, Azure Service Bus, Solace,
 * ...). Options are Qpid JMS' URI options, e.g. {@code amqps://host:5671?transport.trustStoreLocation=...}.</li>
 * <li>{@code tcp://}, {@code udp://} and {@code (tcp://a,tcp://b)}: ActiveMQ Artemis' own CORE protocol.</li>
 * </ul>
 * Either is wrapped in a pool (messaginghub pooled-jms: {@code jms.pool.max-connections} connections, sessions pooled
 * per connection), so the shipped routes' sends do not open a connection each. Credentials are given to the
 * underlying factory and never logged.
 */
public final class ExternalBroker {

    private ExternalBroker() {
    }

    /** The client a {@code jms.url} is spoken to with. */
    public enum Client {
        AMQP, ARTEMIS_CORE
    }

    /** Which client {@code url} needs; a scheme neither speaks is refused, naming the ones that work. */
    public static Client clientFor(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        if (u.startsWith("amqp://") || u.startsWith("amqps://") || u.startsWith("amqpws://") || u.startsWith("amqpwss://")
                || u.startsWith("failover:(amqp") || u.startsWith("failover:amqp")) {
            return Client.AMQP;
        }
        if (u.startsWith("tcp://") || u.startsWith("udp://") || u.startsWith("(tcp://") || u.startsWith("(udp://")) {
            return Client.ARTEMIS_CORE;
        }
        throw new IllegalArgumentException("jms.url: unsupported scheme in " + withoutUserInfo(url)
                + "; use amqp:// or amqps:// (AMQP 1.0: ActiveMQ Artemis and Classic, RabbitMQ, Azure Service Bus, Solace,"
                + " ...) or tcp:// (ActiveMQ Artemis CORE)");
    }

    /** A pooled connection factory for {@code url}, logging in with {@code username} / {@code password} when given. */
    public static JmsPoolConnectionFactory connectionFactory(String url, String username, String password, int maxConnections) {
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(clientFactory(url, username, password));
        pool.setMaxConnections(Math.max(1, maxConnections));
        return pool;
    }

    /** The protocol client's own factory, unpooled. */
    static ConnectionFactory clientFactory(String url, String username, String password) {
        boolean login = username != null && !username.isBlank();
        return switch (clientFor(url)) {
            case AMQP -> login ? new JmsConnectionFactory(username, password, url.strip()) : new JmsConnectionFactory(url.strip());
            case ARTEMIS_CORE -> login ? new ActiveMQConnectionFactory(url.strip(), username, password)
                    : new ActiveMQConnectionFactory(url.strip());
        };
    }

    /** The URL as it may be logged: without a {@code user:password@} part or a password option's value. */
    public static String withoutUserInfo(String url) {
        return url.replaceAll("(?<=://)[^/@?]*@", "***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
