package io.camellanggraph.resume;

import io.camellanggraph.testsupport.LangGraphServer;

/** The loop against the Python server (langgraph-api). */
class HumanInTheLoopPythonServerTest extends HumanInTheLoopTestBase {

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.python();
    }
}
