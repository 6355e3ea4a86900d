package io.camellanggraph.component;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Binds the webhook receiver to platform-http from the component's start (before the HTTP port listens, in Camel
 * Main) until the whole context has stopped (after the HTTP server), so that no callback path is ever answered 404
 * by the HTTP server itself while the application starts or stops: the receiver answers 503 then, which the
 * LangGraph server retries. Where platform-http is not ready at the component's start, it is bound on first use.
 */
final class ReceiverBinding {

    private final CamelContext context;
    private final String path;
    private final Processor receiver;
    private Consumer consumer;

    ReceiverBinding(CamelContext context, String path, Processor receiver) {
        this.context = context;
        this.path = path;
        this.receiver = receiver;
        // once, not per bind: the receiver leaves the router when the whole context has stopped
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext stopped) {
                unbind();
            }
        });
    }

    synchronized void bind() throws Exception {
        if (consumer != null) {
            return;
        }
        Consumer created = context.getEndpoint("platform-http:" + path + "?matchOnUriPrefix=true").createConsumer(receiver);
        ServiceHelper.startService(created);
        consumer = created;
    }

    synchronized boolean isBound() {
        return consumer != null;
    }

    synchronized void unbind() {
        ServiceHelper.stopService(consumer);
        consumer = null;
    }
}
