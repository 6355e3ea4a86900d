package io.camellanggraph.component.health;

import java.util.Map;

import io.camellanggraph.component.LangGraphComponent;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the webhook receiver: it records callbacks (bound on the HTTP server, and the Camel context started
 * and not stopping; otherwise it answers 503). With the callback store check and Camel's own route and consumer
 * checks it makes the runtime's readiness probe ({@code /observe/health/ready} in Camel Main): a load balancer or
 * Kubernetes sends callbacks only to an instance that records them.
 */
public final class WebhookReceiverHealthCheck extends AbstractHealthCheck {

    public static final String ID = "langgraph-receiver";

    private final LangGraphComponent component;

    public WebhookReceiverHealthCheck(LangGraphComponent component) {
        super("langgraph", ID);
        this.component = component;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("path", component.getWebhookPath());
        if (component.callbackStore().isEmpty()) {
            // no route or producer uses the callback path: nothing to wait for
            builder.detail("receiver", "not used");
            builder.up();
        } else if (component.isReceiverAccepting()) {
            builder.up();
        } else {
            builder.down().message("webhook receiver not accepting callbacks (starting or stopping)");
        }
    }
}
