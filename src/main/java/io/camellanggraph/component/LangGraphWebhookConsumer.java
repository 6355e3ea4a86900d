package io.camellanggraph.component;

import java.util.function.Consumer;

import io.camellanggraph.callback.CallbackDelivery;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.callback.CallbackListener;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Suspendable;
import org.apache.camel.support.DefaultConsumer;

/**
 * {@code from: langgraph:webhook[/name]}: each verified, de-duplicated outcome of the runs and crons started with
 * that callback name becomes one exchange, after it was durably recorded. Body: the redacted run as JSON.
 */
public class LangGraphWebhookConsumer extends DefaultConsumer implements CallbackListener, Suspendable {

    private final String callbackName;
    private CallbackHub hub;
    private io.camellanggraph.resume.ExpiryPolicy expiry;

    public LangGraphWebhookConsumer(LangGraphEndpoint endpoint, Processor processor, String callbackName) {
        super(endpoint, processor);
        this.callbackName = callbackName;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // a wrong onExpiry stops the route's start with its reason
        expiry = ((LangGraphEndpoint) getEndpoint()).expiryPolicy();
        hub = ((LangGraphEndpoint) getEndpoint()).hub();
        hub.register(callbackName, this);
    }

    /**
     * A graceful stop (SIGTERM, a route stopped) suspends a {@link Suspendable} consumer first and waits for the
     * exchanges in its route; one that is not is stopped at once, and with it the route's processors, under the
     * exchanges still in them. So: no new outcome from now on (they wait in the inbox), the ones in the route finish.
     */
    @Override
    protected void doSuspend() throws Exception {
        hub.unregister(callbackName, this);
    }

    @Override
    protected void doResume() throws Exception {
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
        LangGraphEndpoint endpoint = (LangGraphEndpoint) getEndpoint();
        endpoint.getComponent().resumeBinding().decorate(exchange.getMessage(), delivery, expiry);
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
