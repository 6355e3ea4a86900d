package io.camellanggraph.component;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.testsupport.LangGraphServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The run options against the real Python server, which also takes the deprecated checkpoint_during. */
class RunOptionsReachTheServersStoredRunPythonServerTest extends RunOptionsReachTheServersStoredRunTestBase {

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.python();
    }

    @Override
    protected String langsmithProjectKey() {
        return "__langsmith_project__";
    }

    @Test
    void checkpointDuringFalseIsStoredAndMeansExitDurability() throws Exception {
        JsonNode run = storedRun("langgraph:run?assistantId=echo&threadId=new&webhook=none&checkpointDuring=false", Map.of());
        assertThat(run.path("kwargs").path("checkpoint_during").asBoolean(true)).isFalse();
        assertThat(run.path("kwargs").path("durability").asText()).isEqualTo("exit");
    }
}
