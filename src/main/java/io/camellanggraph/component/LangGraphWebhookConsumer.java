package io.camellanggraph.component;

import java.util.function.Consumer;

import io.camellanggraph.callback.CallbackDelivery;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.callback.CallbackListener;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * {@code from: langgraph:webhook[/name]}: each verified, de-duplicated outcome of the runs and crons started with
 * that callback name becomes one exchange, after it was durably recorded. Body: the redacted run as JSON.
 */
public class LangGraphWebhookConsumer extends DefaultConsumer implements CallbackListener {

    private final String callbackName;
    private CallbackHub hub;

    public LangGraphWebhookConsumer(LangGraphEndpoint endpoint, Processor processor, String callbackName) {
        super(endpoint, processor);
        this.callbackName = callbackName;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        hub = ((LangGraphEndpoint) getEndpoint()).hub();
        hub.register(callbackName, this);
    }

    @Override
    protected void doStop() throws Exception {
        if (hub != null) {
            hub.unregister(callbackName, this);
        }
        super.doStop();
    }

    @Override
    public void deliver(CallbackDelivery delivery, Consumer<Throwable> done) {
        Exchange exchange = createExchange(false);
        RunHeaders.set(exchange.getMessage(), delivery);
        ((LangGraphEndpoint) getEndpoint()).getComponent().resumeDesk().decorate(exchange.getMessage(), delivery);
        decorate(exchange);
        getAsyncProcessor().process(exchange, doneSync -> {
            Throwable failure = exchange.getException();
            releaseExchange(exchange, false);
            done.accept(failure);
        });
    }

    /** Lets subclasses add their own headers (the cron consumer adds the cron's name). */
    protected void decorate(Exchange exchange) {
        // the plain webhook consumer has nothing to add
    }
}
