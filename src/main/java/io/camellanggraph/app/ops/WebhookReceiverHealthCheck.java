package io.camellanggraph.app.ops;

import java.util.Map;

import io.camellanggraph.component.LangGraphComponent;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the webhook receiver: it takes callbacks (started, and its Camel context started and not stopping).
 * With the callback store check and Camel's own route and consumer checks it makes {@code /observe/health/ready}:
 * a load balancer or Kubernetes sends callbacks only to an instance that records them.
 */
public final class WebhookReceiverHealthCheck extends AbstractHealthCheck {

    public static final String ID = "langgraph-receiver";

    private final LangGraphComponent langgraph;

    public WebhookReceiverHealthCheck(LangGraphComponent langgraph) {
        super("langgraph", ID);
        this.langgraph = langgraph;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Boolean accepting = langgraph.isReceiverAccepting();
        builder.detail("path", langgraph.getWebhookPath());
        if (accepting == null) {
            // no route receives callbacks: nothing to wait for
            builder.detail("receiver", "not used");
            builder.up();
        } else if (accepting) {
            builder.up();
        } else {
            builder.down().message("webhook receiver not accepting callbacks (starting or stopping)");
        }
    }
}
