package io.camellanggraph.app.ops;

import io.micrometer.core.instrument.Tags;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifierNamingStrategy;
import org.apache.camel.spi.CamelEvent;

/**
 * Gives Camel's exchange event meters ({@code camel.exchange.event.notifier}) the same tag keys whatever the
 * exchange. Camel's naming strategies tag {@code routeId} only when the exchange came from a route, so an exchange
 * without one (a {@code ProducerTemplate}'s, e.g. the run a webhook test starts, or an {@code awaitWebhook} reply)
 * registers a meter with one key less; Prometheus requires one set of keys per name, so the registry refuses that
 * meter and logs a warning. Here such an exchange is tagged with an empty {@code routeId} (Prometheus treats an empty
 * label as absent, so queries are unchanged); everything else is the configured strategy's.
 */
final class ExchangeMeterTags implements MicrometerExchangeEventNotifierNamingStrategy {

    private final MicrometerExchangeEventNotifierNamingStrategy configured;

    private ExchangeMeterTags(MicrometerExchangeEventNotifierNamingStrategy configured) {
        this.configured = configured;
    }

    /** Wraps the naming strategy of the context's exchange event notifier, if camel-micrometer installed one. */
    static void installOn(CamelContext context) {
        context.getManagementStrategy().getEventNotifiers().stream()
                .filter(MicrometerExchangeEventNotifier.class::isInstance).map(MicrometerExchangeEventNotifier.class::cast)
                .filter(notifier -> !(notifier.getNamingStrategy() instanceof ExchangeMeterTags))
                .forEach(notifier -> notifier.setNamingStrategy(new ExchangeMeterTags(notifier.getNamingStrategy())));
    }

    @Override
    public Tags getTags(CamelEvent.ExchangeEvent event, Endpoint endpoint) {
        Tags tags = configured.getTags(event, endpoint);
        return event.getExchange().getFromRouteId() == null ? tags.and("routeId", "") : tags;
    }

    @Override
    public String getName(Exchange exchange, Endpoint endpoint) {
        return configured.getName(exchange, endpoint);
    }

    @Override
    public boolean isBaseEndpointURI() {
        return configured.isBaseEndpointURI();
    }

    @Override
    public String formatName(String name) {
        return configured.formatName(name);
    }

    @Override
    public String getInflightExchangesName() {
        return configured.getInflightExchangesName();
    }

    @Override
    public Tags getInflightExchangesTags(CamelContext camelContext, String routeId) {
        return configured.getInflightExchangesTags(camelContext, routeId);
    }
}
