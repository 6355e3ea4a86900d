package io.camellanggraph.component;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run options an SDK user has and both servers take (stream_resumable, feedback_keys, checkpoint, checkpoint_id,
 * langsmith_tracing) reach the real server: each is read back from the run the server stored.
 */
abstract class RunOptionsReachTheServersStoredRunTestBase extends LangGraphTestSupport {

    protected final ObjectMapper mapper = new ObjectMapper();

    /** The key under config.configurable where the server keeps the LangSmith project of the run. */
    protected abstract String langsmithProjectKey();

    /** Starts a background run on {@code uri} and answers the server's stored copy of it. */
    protected JsonNode storedRun(String uri, Map<String, Object> headers) throws Exception {
        Exchange started = template.request(uri, e -> {
            e.getMessage().setBody("{\"text\": \"options\"}");
            e.getMessage().getHeaders().putAll(headers);
        });
        if (started.getException() != null) {
            throw started.getException();
        }
        Map<String, Object> ids = Map.of(LangGraphConstants.THREAD_ID, started.getMessage().getHeader(LangGraphConstants.THREAD_ID),
                LangGraphConstants.RUN_ID, started.getMessage().getHeader(LangGraphConstants.RUN_ID));
        return mapper.readTree(template.requestBodyAndHeaders("langgraph:getRun", null, ids, String.class));
    }

    @Test
    void streamResumableIsStoredAsTheRunsResumableFlag() throws Exception {
        JsonNode run = storedRun("langgraph:run?assistantId=echo&threadId=new&webhook=none&streamResumable=true", Map.of());
        assertThat(run.path("kwargs").path("resumable").asBoolean()).isTrue();
    }

    @Test
    void feedbackKeysFromTheHeaderAreStoredAsAList() throws Exception {
        JsonNode run = storedRun("langgraph:run?assistantId=echo&threadId=new&webhook=none",
                Map.of(LangGraphConstants.FEEDBACK_KEYS, "correctness, helpfulness"));
        assertThat(mapper.convertValue(run.path("kwargs").path("feedback_keys"), String[].class))
                .containsExactly("correctness", "helpfulness");
    }

    @Test
    void langsmithTracingNamesTheProjectOfTheRunsTraces() throws Exception {
        JsonNode run = storedRun("langgraph:run?assistantId=echo&threadId=new&webhook=none",
                Map.of(LangGraphConstants.LANGSMITH_TRACING, "{\"project_name\": \"camel-project\"}"));
        assertThat(run.path("kwargs").path("config").path("configurable").path(langsmithProjectKey()).asText())
                .isEqualTo("camel-project");
    }

    @Test
    void checkpointIdAndCheckpointStartAThreadRunFromAnEarlierCheckpoint() throws Exception {
        String threadId = template.request("langgraph:wait?assistantId=echo&threadId=new", e -> e.getMessage().setBody("{\"text\": \"a\"}"))
                .getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class);
        JsonNode state = mapper.readTree(template.requestBodyAndHeader("langgraph:getThreadState", null,
                LangGraphConstants.THREAD_ID, threadId, String.class));
        String checkpointId = state.path("checkpoint").path("checkpoint_id").asText();
        assertThat(checkpointId).isNotBlank();

        JsonNode byId = storedRun("langgraph:run?assistantId=echo&webhook=none&checkpointId=" + checkpointId,
                Map.of(LangGraphConstants.THREAD_ID, threadId));
        assertThat(byId.path("kwargs").path("config").path("configurable").path("checkpoint_id").asText()).isEqualTo(checkpointId);

        JsonNode byCheckpoint = storedRun("langgraph:run?assistantId=echo&webhook=none&multitaskStrategy=enqueue",
                Map.of(LangGraphConstants.THREAD_ID, threadId,
                        LangGraphConstants.CHECKPOINT, "{\"checkpoint_id\": \"" + checkpointId + "\", \"checkpoint_ns\": \"\"}"));
        assertThat(byCheckpoint.path("kwargs").path("config").path("configurable").path("checkpoint_id").asText())
                .isEqualTo(checkpointId);
    }
}
