package io.camellanggraph.app;

import io.camellanggraph.component.LangGraphComponent;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.CamelContext;
import io.camellanggraph.app.http.MainServer;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Closes the one gap the component cannot close itself in Camel Main: the HTTP server listens before any route (and
 * so the webhook receiver) has been added to its router, and answers 404, which the LangGraph server does not retry.
 * This puts a handler in front of the webhook path before the port opens, through the server's handler chain for
 * its path-specific entries (the authentication chain, the only one configurable before start): until the receiver
 * is bound and the context has started it answers 503 (retried), and again once the context begins to stop; in
 * between it passes every request to the receiver.
 */
final class CallbackStartupGate extends MainListenerSupport {

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        MainServer server = context.hasService(MainServer.class);
        if (server == null) {
            return;
        }
        LangGraphComponent langgraph = context.getComponent("langgraph", LangGraphComponent.class);
        AuthenticationConfig.AuthenticationConfigEntry gate = new AuthenticationConfig.AuthenticationConfigEntry();
        gate.setPath(langgraph.getWebhookPath() + "*");
        gate.setAuthenticationProviderFactory(vertx -> null);
        gate.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends io.vertx.ext.auth.authentication.AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T ignored) {
                return ctx -> {
                    // also while stopping: the server's own handlers may already be closing
                    if (langgraph.isReceiverBound() && context.isStarted()) {
                        ctx.next();
                    } else {
                        ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                                .end("{\"status\":\"starting or stopping, retry\"}");
                    }
                };
            }
        });
        AuthenticationConfig authentication = server.getConfiguration().getAuthenticationConfig();
        authentication.getEntries().add(gate);
        authentication.setEnabled(true);
    }
}
