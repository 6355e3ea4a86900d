package io.camellanggraph.app;

import java.nio.file.Path;

import jakarta.jms.ConnectionFactory;

import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the app its JMS broker before the routes start, and stops it after them.
 * <ul>
 * <li>{@code jms.url} empty (default): an {@link EmbeddedBroker} with its journal in {@code jms.embedded.dir}
 * (default {@code <langgraph.data-dir>/broker}), listening on {@code jms.embedded.host}:{@code jms.embedded.port} for
 * every protocol Artemis speaks, open on loopback, else only to the logins of {@code jms.embedded.users}.</li>
 * <li>{@code jms.url} set: that broker, by the URL's scheme ({@link ExternalBroker}: {@code amqp://} / {@code amqps://}
 * any AMQP 1.0 broker, {@code tcp://} ActiveMQ Artemis CORE), pooled, with {@code jms.username} / {@code jms.password};
 * nothing is embedded.</li>
 * </ul>
 * Either way the connection factory is bound as {@code jmsConnectionFactory} and the {@code jms} component is set up
 * with it and with the {@link LangGraphJmsHeaderFilterStrategy} (run headers as JMS properties); any
 * {@code camel.component.jms.*} setting still applies on top.
 */
public class JmsBrokerListener extends MainListenerSupport {

    public static final String CONNECTION_FACTORY = "jmsConnectionFactory";
    private static final Logger LOG = LoggerFactory.getLogger(JmsBrokerListener.class);

    private EmbeddedBroker broker;
    private JmsPoolConnectionFactory pool;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertiesComponent properties = context.getPropertiesComponent();
        String url = property(properties, "jms.url", "");
        ConnectionFactory factory;
        if (url.isBlank()) {
            if (!Boolean.parseBoolean(property(properties, "jms.embedded.enabled", "true"))) {
                LOG.info("jms.url is empty and jms.embedded.enabled=false: no JMS broker configured");
                return;
            }
            Path dir = Path.of(property(properties, "jms.embedded.dir", AppSettings.of(context).dataDir().resolve("broker").toString()));
            String host = property(properties, "jms.embedded.host", "127.0.0.1");
            int port = Integer.parseInt(property(properties, "jms.embedded.port", "61616"));
            BrokerUsers users = BrokerUsers.parse(property(properties, "jms.embedded.users", ""));
            try {
                broker = EmbeddedBroker.start(dir, host, port, users);
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the embedded JMS broker in " + dir + ": " + e.getMessage(), e);
            }
            factory = broker.connectionFactory();
        } else {
            pool = ExternalBroker.connectionFactory(url, property(properties, "jms.username", ""),
                    property(properties, "jms.password", ""), Integer.parseInt(property(properties, "jms.pool.max-connections", "4")));
            factory = pool;
            LOG.info("Using the external JMS broker at {} ({}, up to {} pooled connections)", ExternalBroker.withoutUserInfo(url),
                    ExternalBroker.clientFor(url), pool.getMaxConnections());
        }
        configure(context, factory);
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        if (pool != null) {
            pool.stop();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** The embedded broker, or null when an external one is configured. */
    public EmbeddedBroker broker() {
        return broker;
    }

    /** Binds the factory as {@code jmsConnectionFactory} and adds a {@code jms} component using it and the run-header strategy. */
    public static JmsComponent configure(CamelContext context, ConnectionFactory factory) {
        context.getRegistry().bind(CONNECTION_FACTORY, ConnectionFactory.class, factory);
        JmsComponent jms = JmsComponent.jmsComponent(factory);
        jms.setHeaderFilterStrategy(new LangGraphJmsHeaderFilterStrategy());
        context.addComponent("jms", jms);
        return jms;
    }

    private static String property(PropertiesComponent properties, String key, String defaultValue) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty()).orElse(defaultValue);
    }
}
