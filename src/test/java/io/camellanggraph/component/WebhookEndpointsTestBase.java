package io.camellanggraph.component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.testsupport.Compatibility;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * For each endpoint that accepts {@code webhook}, the run's callback reaches {@code from: langgraph:webhook} with
 * the right run id, status and values. Subclasses pick the real server (Python, JS).
 */
abstract class WebhookEndpointsTestBase extends LangGraphTestSupport {

    protected final ObjectMapper mapper = new ObjectMapper();
    protected final List<Message> outcomes = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("langgraph:webhook").process(e -> outcomes.add(e.getMessage().copy()));
            }
        };
    }

    /** Waits for the outcome whose values carry {@code text}; returns it. */
    protected Message outcomeWithText(String text, Duration within) {
        return await().atMost(within).until(() -> outcomes.stream()
                .filter(m -> json(m.getBody(String.class)).path("values").path("text").asText().equals(text))
                .findFirst().orElse(null), m -> m != null);
    }

    protected Message outcomeOfRun(String runId, Duration within) {
        return await().atMost(within).until(() -> outcomes.stream()
                .filter(m -> runId.equals(m.getHeader(LangGraphConstants.RUN_ID))).findFirst().orElse(null), m -> m != null);
    }

    protected JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private void assertSuccessWithValues(Message outcome, String text) {
        assertThat(outcome.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
        assertThat(outcome.getHeader(LangGraphConstants.SOURCE)).isEqualTo("webhook");
        JsonNode run = json(outcome.getBody(String.class));
        assertThat(run.path("run_id").asText()).isEqualTo(outcome.getHeader(LangGraphConstants.RUN_ID));
        assertThat(run.path("values").path("upper").asText()).isEqualTo(text.toUpperCase());
        assertThat(run.path("kwargs").path("webhook").asText()).doesNotContain(SECRET).contains("token=***");
    }

    @Test
    void threadBackgroundRunCallbackCarriesRunIdStatusAndValues() {
        String text = unique("thread-run");
        Exchange started = template.request("langgraph:run?assistantId=echo&threadId=new",
                e -> e.getMessage().setBody(Map.of("text", text)));
        String runId = started.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);
        Message outcome = outcomeOfRun(runId, Duration.ofSeconds(30));
        assertSuccessWithValues(outcome, text);
        assertThat(outcome.getHeader(LangGraphConstants.THREAD_ID)).isEqualTo(started.getMessage().getHeader(LangGraphConstants.THREAD_ID));
        Compatibility.RUN_THREAD.works(server());
    }

    @Test
    void threadWaitRunWithWebhookAutoAlsoCallsBack() {
        String text = unique("thread-wait");
        template.requestBody("langgraph:wait?assistantId=echo&threadId=new&webhook=auto", Map.of("text", text));
        assertSuccessWithValues(outcomeWithText(text, Duration.ofSeconds(30)), text);
        Compatibility.WAIT_THREAD.works(server());
    }

    @Test
    void threadStreamRunWithWebhookAutoAlsoCallsBack() {
        String text = unique("thread-stream");
        String result = template.requestBody("langgraph:stream?assistantId=echo&threadId=new&webhook=auto", Map.of("text", text), String.class);
        Message outcome = outcomeWithText(text, Duration.ofSeconds(30));
        assertSuccessWithValues(outcome, text);
        assertThat(json(result).path("runId").asText()).isEqualTo(outcome.getHeader(LangGraphConstants.RUN_ID));
        Compatibility.STREAM_THREAD.works(server());
    }

    @Test
    void statelessBackgroundRunDeliversItsValuesAndItsThreadIsCleanedUpAfterwards() {
        String text = unique("stateless-run");
        Exchange started = template.request("langgraph:run?assistantId=echo", e -> e.getMessage().setBody(Map.of("text", text)));
        Message outcome = outcomeOfRun(started.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class), Duration.ofSeconds(30));
        assertSuccessWithValues(outcome, text);
        String threadId = outcome.getHeader(LangGraphConstants.THREAD_ID, String.class);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(threadExists(threadId)).isFalse());
        Compatibility.RUN_STATELESS.works(server());
    }

    @Test
    void statelessWaitRunWithWebhookAutoCallsBackWithValues() {
        String text = unique("stateless-wait");
        template.requestBody("langgraph:wait?assistantId=echo&webhook=auto", Map.of("text", text));
        assertSuccessWithValues(outcomeWithText(text, Duration.ofSeconds(30)), text);
        Compatibility.WAIT_STATELESS.works(server());
    }

    @Test
    void statelessStreamRunWithWebhookAutoCallsBackWithValues() {
        String text = unique("stateless-stream");
        template.requestBody("langgraph:stream?assistantId=echo&webhook=auto", Map.of("text", text));
        assertSuccessWithValues(outcomeWithText(text, Duration.ofSeconds(30)), text);
        Compatibility.STREAM_STATELESS.works(server());
    }

    @Test
    void statelessBatchCallsBackOncePerRun() {
        String a = unique("batch-a");
        String b = unique("batch-b");
        JsonNode runs = json(template.requestBody("langgraph:batch?assistantId=echo",
                "[{\"text\": \"" + a + "\"}, {\"text\": \"" + b + "\"}]", String.class));
        assertThat(runs).hasSize(2);
        Message first = outcomeWithText(a, Duration.ofSeconds(30));
        Message second = outcomeWithText(b, Duration.ofSeconds(30));
        assertSuccessWithValues(first, a);
        assertSuccessWithValues(second, b);
        assertThat(List.of(first.getHeader(LangGraphConstants.RUN_ID), second.getHeader(LangGraphConstants.RUN_ID)))
                .containsExactlyInAnyOrderElementsOf(topLevelRunIds(runs));
        Compatibility.BATCH.works(server());
    }

    @Test
    void failingRunCallsBackWithErrorStatusAndMessage() {
        Exchange started = template.request("langgraph:run?assistantId=fail&threadId=new",
                e -> e.getMessage().setBody(Map.of("text", "x")));
        Message outcome = outcomeOfRun(started.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class), Duration.ofSeconds(30));
        assertThat(outcome.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("error");
        assertThat(outcome.getHeader(LangGraphConstants.ERROR, String.class)).contains("boom");
    }

    private boolean threadExists(String threadId) {
        try {
            template.requestBodyAndHeader("langgraph:getThreadState", null, LangGraphConstants.THREAD_ID, threadId);
            return true;
        } catch (org.apache.camel.CamelExecutionException e) {
            return !(e.getCause() instanceof io.camellanggraph.client.LangGraphNotFoundException);
        }
    }

    private static java.util.List<String> topLevelRunIds(JsonNode runs) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        runs.forEach(run -> ids.add(run.path("run_id").asText()));
        return ids;
    }
}
