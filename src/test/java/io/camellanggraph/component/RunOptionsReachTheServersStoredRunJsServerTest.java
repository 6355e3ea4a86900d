package io.camellanggraph.component;

import io.camellanggraph.testsupport.LangGraphServer;

/** The run options against the real JS server (its run schema has no checkpoint_during). */
class RunOptionsReachTheServersStoredRunJsServerTest extends RunOptionsReachTheServersStoredRunTestBase {

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.js();
    }

    @Override
    protected String langsmithProjectKey() {
        return "langsmith_project";
    }
}
