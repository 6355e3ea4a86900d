package io.camellanggraph.callback;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The routed outcome of every run that did not succeed carries the server's error, against a real Python server with
 * a short run timeout: cancelled (UserInterrupt with its reason), superseded by a multitask strategy (UserInterrupt),
 * rolled back (UserRollback), timed out (TimeoutError) and failed (the exception's class, its message hidden by the
 * server when the class is not one it passes on).
 */
class EveryRunThatDidNotSucceedCarriesTheServersErrorTest extends LangGraphTestSupport {

    private static LangGraphServer server;
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Message> outcomes = new CopyOnWriteArrayList<>();

    @Override
    protected LangGraphServer server() {
        if (server == null) {
            server = LangGraphServer.dedicatedPython(null, Map.of("BG_JOB_TIMEOUT_SECS", "3"));
        }
        return server;
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("langgraph:webhook/errors").process(e -> outcomes.add(e.getMessage().copy()));
            }
        };
    }

    private Exchange start(String assistant, String input, String options) {
        return template.request("langgraph:run?assistantId=" + assistant + "&callback=errors" + options,
                e -> e.getMessage().setBody(input));
    }

    private Message outcomeOf(Exchange started) {
        String runId = started.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);
        return await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.stream()
                .filter(m -> runId.equals(m.getHeader(LangGraphConstants.RUN_ID))).findFirst().orElse(null), m -> m != null);
    }

    private static Map<String, Object> ids(Exchange started) {
        return Map.of(LangGraphConstants.THREAD_ID, started.getMessage().getHeader(LangGraphConstants.THREAD_ID),
                LangGraphConstants.RUN_ID, started.getMessage().getHeader(LangGraphConstants.RUN_ID));
    }

    private void awaitRunning(Exchange started) {
        await().atMost(Duration.ofSeconds(30)).until(() -> "running".equals(template.request("langgraph:getRun",
                e -> e.getMessage().setHeaders(new HashMap<>(ids(started)))).getMessage().getHeader(LangGraphConstants.RUN_STATUS)));
    }

    private void cancelWhenRunning(Exchange started, String action) {
        awaitRunning(started);
        template.requestBodyAndHeaders("langgraph:cancelRun?cancelWait=true&cancelAction=" + action, null, ids(started));
    }

    private JsonNode bodyError(Message outcome) throws Exception {
        return mapper.readTree(outcome.getBody(String.class)).path("error");
    }

    @Test
    void aCancelledRunCarriesUserInterruptWithTheReason() throws Exception {
        Exchange started = start("sleep", "{\"seconds\": 30}", "&threadId=new");
        cancelWhenRunning(started, "interrupt");
        Message outcome = outcomeOf(started);
        assertThat(outcome.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("interrupted");
        assertThat(outcome.getHeader(LangGraphConstants.ERROR_TYPE)).isEqualTo("UserInterrupt");
        assertThat(outcome.getHeader(LangGraphConstants.ERROR, String.class))
                .isEqualTo("UserInterrupt: interrupt requested via POST /threads/{thread_id}/runs/{run_id}/cancel");
        assertThat(bodyError(outcome).path("error").asText()).isEqualTo("UserInterrupt");
    }

    @Test
    void aRunSupersededByTheInterruptStrategyCarriesUserInterruptNamingItsSuccessor() {
        Exchange first = start("sleep", "{\"seconds\": 30}", "&threadId=new");
        String threadId = first.getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class);
        awaitRunning(first);
        Exchange second = template.request("langgraph:run?assistantId=echo&webhook=none&multitaskStrategy=interrupt", e -> {
            e.getMessage().setBody("{\"text\": \"next\"}");
            e.getMessage().setHeader(LangGraphConstants.THREAD_ID, threadId);
        });
        Message outcome = outcomeOf(first);
        assertThat(outcome.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("interrupted");
        assertThat(outcome.getHeader(LangGraphConstants.ERROR_TYPE)).isEqualTo("UserInterrupt");
        assertThat(outcome.getHeader(LangGraphConstants.ERROR, String.class)).isEqualTo("UserInterrupt: superseded by run "
                + second.getMessage().getHeader(LangGraphConstants.RUN_ID) + " (multitask_strategy=interrupt)");
    }

    @Test
    void aRolledBackRunCarriesUserRollback() {
        Exchange started = start("sleep", "{\"seconds\": 30}", "&threadId=new");
        cancelWhenRunning(started, "rollback");
        Message outcome = outcomeOf(started);
        assertThat(outcome.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("rollback");
        assertThat(outcome.getHeader(LangGraphConstants.ERROR_TYPE)).isEqualTo("UserRollback");
        assertThat(outcome.getHeader(LangGraphConstants.ERROR, String.class))
                .isEqualTo("UserRollback: rollback requested via POST /threads/{thread_id}/runs/{run_id}/cancel");
    }

    @Test
    void aTimedOutRunCarriesTimeoutError() {
        Message outcome = outcomeOf(start("sleep", "{\"seconds\": 20}", "&threadId=new"));
        assertThat(outcome.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("timeout");
        assertThat(outcome.getHeader(LangGraphConstants.ERROR_TYPE)).isEqualTo("TimeoutError");
    }

    @Test
    void aFailedRunCarriesTheExceptionsClassAndMessage() {
        Message outcome = outcomeOf(start("fail", "{\"text\": \"x\"}", "&threadId=new"));
        assertThat(outcome.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("error");
        assertThat(outcome.getHeader(LangGraphConstants.ERROR_TYPE)).isEqualTo("ValueError");
        assertThat(outcome.getHeader(LangGraphConstants.ERROR, String.class)).isEqualTo("ValueError: boom: x");
    }

    @Test
    void anExceptionOutsideTheServersListHasItsMessageReplaced() {
        Message outcome = outcomeOf(start("fail", "{\"text\": \"custom\"}", "&threadId=new"));
        assertThat(outcome.getHeader(LangGraphConstants.ERROR_TYPE)).isEqualTo("BoomError");
        assertThat(outcome.getHeader(LangGraphConstants.ERROR, String.class)).isEqualTo("BoomError: An internal error occurred");
    }
}
