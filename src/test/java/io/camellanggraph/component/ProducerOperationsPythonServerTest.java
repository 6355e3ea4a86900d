package io.camellanggraph.component;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.client.LangGraphConflictException;
import io.camellanggraph.client.LangGraphNotFoundException;
import io.camellanggraph.client.LangGraphRunFailedException;
import io.camellanggraph.testsupport.Compatibility;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every producer operation against a real Python `langgraph dev` server, checking the server's real answers. */
class ProducerOperationsPythonServerTest extends LangGraphTestSupport {

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.python();
    }

    private JsonNode json(Object body) throws Exception {
        return mapper.readTree(body.toString());
    }

    private String newThread() throws Exception {
        Exchange created = template.request("langgraph:createThread", e -> e.getMessage().setBody("{\"metadata\": {\"test\": \"producer\"}}"));
        return created.getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class);
    }

    @Test
    void infoReportsTheServerVersionAndCronSupport() throws Exception {
        JsonNode info = json(template.requestBody("langgraph:info", null, String.class));
        assertThat(info.path("flags").path("crons").asBoolean()).isTrue();
    }

    @Test
    void waitOnAThreadReturnsTheFinalValues() throws Exception {
        String threadId = newThread();
        Object values = template.requestBodyAndHeader("langgraph:wait?assistantId=echo", "{\"text\": \"abc\"}",
                LangGraphConstants.THREAD_ID, threadId);
        assertThat(json(values).path("upper").asText()).isEqualTo("ABC");
        JsonNode state = json(template.requestBodyAndHeader("langgraph:getThreadState", null, LangGraphConstants.THREAD_ID, threadId));
        assertThat(state.path("values").path("upper").asText()).isEqualTo("ABC");
    }

    @Test
    void statelessWaitAcceptsAMapBody() throws Exception {
        Object values = template.requestBody("langgraph:wait?assistantId=echo", Map.of("text", "map"));
        assertThat(json(values).path("upper").asText()).isEqualTo("MAP");
    }

    @Test
    void waitOnAFailingGraphRaisesTheServersErrorInsteadOfReturningIt() {
        assertThatThrownBy(() -> template.requestBody("langgraph:wait?assistantId=fail&threadId=new", "{\"text\": \"x\"}"))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOf(LangGraphRunFailedException.class)
                .hasMessageContaining("boom");
    }

    @Test
    void streamReturnsOrderedEventsAndFinalValues() throws Exception {
        JsonNode result = json(template.requestBody("langgraph:stream?assistantId=echo&threadId=new&streamMode=values,updates",
                "{\"text\": \"streamed\"}", String.class));
        assertThat(result.path("events").get(0).path("event").asText()).isEqualTo("metadata");
        assertThat(result.path("events").findValuesAsText("event")).contains("values", "updates");
        assertThat(result.path("values").path("upper").asText()).isEqualTo("STREAMED");
        assertThat(result.path("runId").asText()).isNotBlank();
    }

    @Test
    void backgroundRunThenGetAndJoin() throws Exception {
        Exchange started = template.request("langgraph:run?assistantId=echo&threadId=new&webhook=none",
                e -> e.getMessage().setBody("{\"text\": \"bg\"}"));
        String threadId = started.getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class);
        String runId = started.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);
        assertThat(started.getMessage().getHeader(LangGraphConstants.RUN_STATUS, String.class)).isIn("pending", "running", "success");

        Map<String, Object> ids = Map.of(LangGraphConstants.THREAD_ID, threadId, LangGraphConstants.RUN_ID, runId);
        JsonNode joined = json(template.requestBodyAndHeaders("langgraph:joinRun", null, ids));
        assertThat(joined.path("upper").asText()).isEqualTo("BG");
        Exchange run = template.request("langgraph:getRun", e -> e.getMessage().setHeaders(new java.util.HashMap<>(ids)));
        assertThat(run.getMessage().getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
    }

    @Test
    void cancelStopsASleepingRun() throws Exception {
        Exchange started = template.request("langgraph:run?assistantId=sleep&threadId=new&webhook=none",
                e -> e.getMessage().setBody("{\"seconds\": 30}"));
        Map<String, Object> ids = Map.of(LangGraphConstants.THREAD_ID, started.getMessage().getHeader(LangGraphConstants.THREAD_ID),
                LangGraphConstants.RUN_ID, started.getMessage().getHeader(LangGraphConstants.RUN_ID));
        template.requestBodyAndHeaders("langgraph:cancelRun?cancelWait=true", null, ids);
        Exchange run = template.request("langgraph:getRun", e -> e.getMessage().setHeaders(new java.util.HashMap<>(ids)));
        assertThat(run.getMessage().getHeader(LangGraphConstants.RUN_STATUS)).isIn("interrupted", "error");
    }

    @Test
    void busyThreadWithRejectStrategyRaisesConflict() throws Exception {
        Exchange started = template.request("langgraph:run?assistantId=sleep&threadId=new&webhook=none",
                e -> e.getMessage().setBody("{\"seconds\": 5}"));
        String threadId = started.getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class);
        assertThatThrownBy(() -> template.requestBodyAndHeader("langgraph:run?assistantId=sleep&webhook=none&multitaskStrategy=reject",
                "{\"seconds\": 1}", LangGraphConstants.THREAD_ID, threadId))
                .cause().isInstanceOf(LangGraphConflictException.class);
    }

    @Test
    void unknownThreadRaisesNotFoundWithTheServersDetail() {
        assertThatThrownBy(() -> template.requestBodyAndHeader("langgraph:getThreadState", null, LangGraphConstants.THREAD_ID,
                "00000000-0000-0000-0000-000000000000"))
                .cause().isInstanceOf(LangGraphNotFoundException.class)
                .satisfies(e -> assertThat(((LangGraphNotFoundException) e).getDetail()).isNotBlank());
    }

    @Test
    void batchStartsOneStatelessRunPerInput() throws Exception {
        JsonNode runs = json(template.requestBody("langgraph:batch?assistantId=echo&webhook=none", "[{\"text\": \"a\"}, {\"text\": \"b\"}]"));
        assertThat(runs).hasSize(2);
        assertThat(topLevelRunIds(runs)).doesNotHaveDuplicates();
    }

    @Test
    void cronLifecycleCreateGetSearchCountUpdateDelete() throws Exception {
        JsonNode cron = json(template.requestBody(
                "langgraph:cron?assistantId=echo&schedule=0 3 * * *&timezone=Europe/Berlin&webhook=none&metadata={\"suite\":\"producer\"}",
                "{\"text\": \"cron\"}"));
        String cronId = cron.path("cron_id").asText();
        assertThat(cron.path("schedule").asText()).isEqualTo("0 3 * * *");

        JsonNode got = json(template.requestBodyAndHeader("langgraph:cronGet", null, LangGraphConstants.CRON_ID, cronId));
        assertThat(got.path("cron_id").asText()).isEqualTo(cronId);
        Compatibility.CRON_GET.works(server());
        JsonNode found = json(template.requestBody("langgraph:cronSearch?metadata={\"suite\":\"producer\"}", (Object) null));
        assertThat(found.findValuesAsText("cron_id")).contains(cronId);
        Compatibility.CRON_SEARCH.works(server());
        assertThat((Integer) template.requestBody("langgraph:cronCount?metadata={\"suite\":\"producer\"}", (Object) null)).isGreaterThanOrEqualTo(1);
        Compatibility.CRON_COUNT.works(server());

        JsonNode updated = json(template.requestBodyAndHeader("langgraph:cronUpdate?schedule=0 4 * * *&enabled=false", null,
                LangGraphConstants.CRON_ID, cronId));
        assertThat(updated.path("schedule").asText()).isEqualTo("0 4 * * *");
        assertThat(updated.path("enabled").asBoolean()).isFalse();

        JsonNode streamed = json(template.requestBodyAndHeader("langgraph:cronUpdate?interruptBefore=echo&streamResumable=true",
                null, LangGraphConstants.CRON_ID, cronId));
        assertThat(streamed.path("payload").path("interrupt_before").get(0).asText()).isEqualTo("echo");
        assertThat(streamed.path("payload").path("stream_resumable").asBoolean()).isTrue();
        Compatibility.CRON_UPDATE.works(server());

        template.requestBodyAndHeader("langgraph:cronDelete", null, LangGraphConstants.CRON_ID, cronId);
        assertThatThrownBy(() -> template.requestBodyAndHeader("langgraph:cronGet", null, LangGraphConstants.CRON_ID, cronId))
                .cause().isInstanceOf(LangGraphNotFoundException.class);
        Compatibility.CRON_DELETE.works(server());
    }

    private static java.util.List<String> topLevelRunIds(JsonNode runs) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        runs.forEach(run -> ids.add(run.path("run_id").asText()));
        return ids;
    }
}
