package io.camellanggraph.callback;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.JdbcCallbackStore;
import io.camellanggraph.testsupport.Compatibility;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.RunIdWritesRefused;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Python server started with {@code http.disable_webhooks: true} sends no callback at all: every outcome is
 * still routed, recovered by the reconciler (source {@code poll}) with its values. That includes a run whose run id
 * the store refused to record after the create (a full disk, the database away): it is found by the correlation id in
 * its metadata, a stateless run on the thread it created, a {@code threadId=new} run among its thread's runs.
 */
class ReconciliationTest extends LangGraphTestSupport {

    private final List<Message> outcomes = new CopyOnWriteArrayList<>();

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.pythonWithoutWebhooks();
    }

    @Override
    protected void configure(LangGraphComponent langgraph) {
        langgraph.setReconcileAfter(1500);
        langgraph.setReconcileInterval(500);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("langgraph:webhook").process(e -> outcomes.add(e.getMessage().copy()));
            }
        };
    }

    private Message outcomeOf(Exchange started) {
        String runId = started.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);
        assertThat(runId).isNotNull();
        return await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.stream()
                .filter(m -> runId.equals(m.getHeader(LangGraphConstants.RUN_ID))).findFirst().orElse(null), m -> m != null);
    }

    @Test
    void threadRunOutcomeIsRecoveredByPollingWithItsValues() throws Exception {
        Message outcome = outcomeOf(template.request("langgraph:run?assistantId=echo&threadId=new",
                e -> e.getMessage().setBody("{\"text\": \"polled\"}")));
        assertThat(outcome.getHeader(LangGraphConstants.SOURCE)).isEqualTo("poll");
        assertThat(outcome.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
        assertThat(new ObjectMapper().readTree(outcome.getBody(String.class)).path("values").path("upper").asText()).isEqualTo("POLLED");
        Compatibility.DISABLED_WEBHOOKS.works(server());
    }

    @Test
    void statelessRunOutcomeIsRecoveredWithItsValuesToo() throws Exception {
        Message outcome = outcomeOf(template.request("langgraph:run?assistantId=echo",
                e -> e.getMessage().setBody("{\"text\": \"stateless polled\"}")));
        assertThat(outcome.getHeader(LangGraphConstants.SOURCE)).isEqualTo("poll");
        assertThat(new ObjectMapper().readTree(outcome.getBody(String.class)).path("values").path("upper").asText())
                .isEqualTo("STATELESS POLLED");
    }

    @Test
    void failedRunIsRecoveredWithErrorStatus() {
        Message outcome = outcomeOf(template.request("langgraph:run?assistantId=fail&threadId=new",
                e -> e.getMessage().setBody("{\"text\": \"x\"}")));
        assertThat(outcome.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("error");
        assertThat(outcome.getHeader(LangGraphConstants.SOURCE)).isEqualTo("poll");
    }

    @Test
    void reconciledRunsAreRoutedOnlyOnce() throws Exception {
        Exchange started = template.request("langgraph:run?assistantId=echo&threadId=new", e -> e.getMessage().setBody("{\"text\": \"once\"}"));
        outcomeOf(started);
        String runId = started.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);
        // several more reconcile passes (every 500 ms) run meanwhile; none may route it again
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> outcomes.stream().filter(m -> runId.equals(m.getHeader(LangGraphConstants.RUN_ID))).count() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> langgraph().callbackHub().store().countPendingRuns() == 0);
    }

    @Test
    void statelessRunWhoseIdWasNotRecordedIsFoundOnTheThreadItCreatedAndRoutedOnce() throws Exception {
        routedOnceAfterItsIdWasLost("langgraph:run?assistantId=echo");
    }

    @Test
    void threadIdNewRunWhoseIdWasNotRecordedIsFoundAmongItsThreadsRunsAndRoutedOnce() throws Exception {
        routedOnceAfterItsIdWasLost("langgraph:run?assistantId=echo&threadId=new");
    }

    private void routedOnceAfterItsIdWasLost(String uri) throws Exception {
        CallbackStore store = langgraph().callbackHub().store();
        Exchange started;
        try (RunIdWritesRefused refused = new RunIdWritesRefused(((JdbcCallbackStore) store).dataSource())) {
            started = template.request(uri, e -> e.getMessage().setBody("{\"text\": \"found again\"}"));
            assertThat(started.getException()).isNull();
            assertThat(store.pendingRunsOlderThan(Long.MAX_VALUE, 10)).singleElement()
                    .satisfies(pending -> assertThat(pending.runId()).isNull());
        }
        Message outcome = outcomeOf(started);
        assertThat(outcome.getHeader(LangGraphConstants.SOURCE)).isEqualTo("poll");
        assertThat(outcome.getBody(String.class)).contains("FOUND AGAIN");
        String runId = started.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.countPendingRuns() == 0);
        // further reconcile passes (every 500 ms) find nothing more to route
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> outcomes.stream().filter(m -> runId.equals(m.getHeader(LangGraphConstants.RUN_ID))).count() == 1);
        assertThat(langgraph().callbackHub().counters().get("reconcile.never-created")).isZero();
    }
}
