package io.camellanggraph.resume;

import io.camellanggraph.testsupport.LangGraphServer;

/** The loop against the JS server (langgraphjs). */
class HumanInTheLoopJsServerTest extends HumanInTheLoopTestBase {

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.js();
    }
}
