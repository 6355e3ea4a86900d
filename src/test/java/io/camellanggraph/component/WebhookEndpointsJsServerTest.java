package io.camellanggraph.component;

import io.camellanggraph.testsupport.LangGraphServer;

/** Webhook endpoints on the JS dev server (text/plain webhooks, no retries, no crons). */
class WebhookEndpointsJsServerTest extends WebhookEndpointsTestBase {

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.js();
    }
}
