package io.camellanggraph.app.ops;

import java.util.Map;

import io.camellanggraph.app.EmbeddedBroker;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness of the embedded ActiveMQ Artemis broker (registered only when the app embeds one). */
public final class BrokerHealthCheck extends AbstractHealthCheck {

    public static final String ID = "langgraph-broker";

    private final EmbeddedBroker broker;

    public BrokerHealthCheck(EmbeddedBroker broker) {
        super("langgraph", ID);
        this.broker = broker;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("embedded", true);
        builder.detail("directory", broker.directory().toString());
        if (broker.isStarted()) {
            builder.up();
        } else {
            builder.down().message("the embedded broker is stopped");
        }
    }
}
