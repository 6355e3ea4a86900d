package io.camellanggraph.callback;

import java.time.Duration;
import java.util.List;

import io.camellanggraph.component.LangGraphAwaitTimeoutException;
import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.store.InboxRecord;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An outcome nobody can take any more is settled once: the outcome of an {@code awaitWebhook} run that comes after
 * the exchange timed out, and the outcome of a run of an await-only callback name that no waiter, consumer route or
 * recorded reply takes. Each is marked {@code orphaned} in the inbox, counted, its pending run removed, and then never
 * confirmed with the real Python server again, although the inbox rescan (every 250 ms here) and the reconciler
 * (every 500 ms) run all the while. Before, such an outcome went back to pending and was re-confirmed (two GETs)
 * every half lease, forever.
 */
class LateOutcomeAfterAwaitTimeoutIsSettledOnceTest extends LangGraphTestSupport {

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.python();
    }

    @Override
    protected void configure(LangGraphComponent langgraph) {
        langgraph.setLeaseTime(500);
        langgraph.setReconcileInterval(500);
        langgraph.setReconcileAfter(500);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:short").to("langgraph:run?assistantId=sleep&threadId=new&awaitWebhook=true&awaitTimeout=500&callback=late");
                // the same callback name, started without waiting: nobody will ever take its outcome
                from("direct:fire").to("langgraph:run?assistantId=echo&threadId=new&callback=late");
            }
        };
    }

    @Test
    void outcomeAfterTheAwaitTimeoutIsOrphanedOnceAndNeverConfirmedAgain() throws Exception {
        CallbackCounters counters = langgraph().callbackHub().counters();
        Exchange reply = template.request("direct:short", e -> e.getMessage().setBody("{\"seconds\": 2}"));
        assertThat(reply.getException()).isInstanceOf(LangGraphAwaitTimeoutException.class);

        await().atMost(Duration.ofSeconds(60)).until(() -> counters.get("orphaned") == 1);
        InboxRecord row = onlyRowOfLate();
        assertThat(row.state()).isEqualTo("orphaned");
        assertThat(row.reason()).startsWith("expired");
        assertThatItStaysSettled(counters, 1);
    }

    @Test
    void outcomeWithNoWaiterConsumerOrReplyIsOrphanedOnceAndNeverConfirmedAgain() throws Exception {
        CallbackCounters counters = langgraph().callbackHub().counters();
        // "late" is awaited by producers (up to 500 ms), as direct:short does on its first use; no route consumes it
        langgraph().callbackHub().allowAwaitOnly("late", 500);

        Exchange started = template.request("direct:fire", e -> e.getMessage().setBody("{\"text\": \"nobody waits\"}"));
        assertThat(started.getException()).isNull();
        String runId = started.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);

        await().atMost(Duration.ofSeconds(60)).until(() -> counters.get("orphaned") == 1);
        List<InboxRecord> rows = langgraph().callbackHub().store().outcomesOf(runId);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo("orphaned");
            assertThat(r.reason()).startsWith("orphaned");
        });
        assertThat(counters.get("routed")).isZero();
        assertThatItStaysSettled(counters, 1);
    }

    /** Several rescans and reconcile passes later: no confirmation, no re-check, nothing pending, still settled once. */
    private void assertThatItStaysSettled(CallbackCounters counters, long orphaned) throws Exception {
        CallbackStore store = langgraph().callbackHub().store();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.countPendingRuns() == 0 && langgraph().callbackHub().inFlight() == 0);
        long confirmed = counters.get("confirmed");
        long rechecks = counters.get("recheck");
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() ->
                counters.get("confirmed") == confirmed && counters.get("recheck") == rechecks
                        && counters.get("orphaned") == orphaned && store.countByState().getOrDefault("pending", 0) == 0
                        && store.countByState().getOrDefault("claimed", 0) == 0);
    }

    private InboxRecord onlyRowOfLate() throws Exception {
        List<InboxRecord> rows = langgraph().callbackHub().store().recent(100).stream()
                .filter(r -> r.entry().callback().equals("late")).toList();
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
