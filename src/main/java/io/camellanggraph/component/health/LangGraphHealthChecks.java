package io.camellanggraph.component.health;

import java.util.List;

import io.camellanggraph.component.LangGraphComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The component's health checks in the runtime's health check registry (Camel Main's {@code /observe/health}, Spring
 * Boot's Actuator, Quarkus's health endpoints): the LangGraph server, enabled with the component's
 * {@code healthCheckProducerEnabled} (producers call it), and the callback store and the webhook receiver, enabled
 * with {@code healthCheckConsumerEnabled} (webhook and cron consumers receive through them). Registered while the component
 * runs; a runtime without a registry gets none.
 */
public final class LangGraphHealthChecks {

    private final LangGraphComponent component;
    private List<AbstractHealthCheck> registered = List.of();

    public LangGraphHealthChecks(LangGraphComponent component) {
        this.component = component;
    }

    public void register() {
        HealthCheckRegistry registry = HealthCheckRegistry.get(component.getCamelContext());
        if (registry == null) {
            return;
        }
        LangGraphServerHealthCheck server = new LangGraphServerHealthCheck(component::getConfiguration, component::serverClient, component::webhookUrlStatus);
        server.setEnabled(component.isHealthCheckProducerEnabled());
        CallbackStoreHealthCheck store = new CallbackStoreHealthCheck(component::callbackStore);
        store.setEnabled(component.isHealthCheckConsumerEnabled());
        WebhookReceiverHealthCheck receiver = new WebhookReceiverHealthCheck(component);
        receiver.setEnabled(component.isHealthCheckConsumerEnabled());
        registered = List.of(server, store, receiver);
        for (AbstractHealthCheck check : registered) {
            check.setCamelContext(component.getCamelContext());
            registry.register(check);
        }
    }

    public void unregister() {
        HealthCheckRegistry registry = HealthCheckRegistry.get(component.getCamelContext());
        if (registry != null) {
            registered.forEach(registry::unregister);
        }
        registered = List.of();
    }
}
