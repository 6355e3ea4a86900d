package io.camellanggraph.outputs;

import java.time.Duration;
import java.util.List;

import io.camellanggraph.app.bridge.BridgeRequests;
import io.camellanggraph.callback.CallbackCounters;
import io.camellanggraph.component.LangGraphConstants;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routes/request-reply.camel.yaml: the outcome of a run started under the bridge's callback name by something other
 * than the bridge (no request recorded for it, so no reply destination) is settled once: routed to the bridge's
 * outcome route, counted as {@code orphaned.bridge}, sent to no queue, and not routed again.
 */
class BridgeOutcomeWithNoRecordedRequestIsSentNowhereTest extends OutputsTestSupport {

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/request-reply.camel.yaml");
    }

    @Test
    void outcomeWithoutARecordedRequestIsCountedAndSentNowhere() throws Exception {
        CallbackCounters counters = langgraph().callbackHub().counters();
        Exchange started = template.request("langgraph:run?threadId=new&callback=bridge", e -> {
            e.getMessage().setBody("{\"text\": \"nobody asked\"}");
            e.getMessage().setHeader(LangGraphConstants.ASSISTANT_ID, "echo");
        });
        assertThat(started.getException()).isNull();

        await().atMost(Duration.ofSeconds(60)).until(() -> counters.get("orphaned.bridge") == 1 && counters.get("routed") == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                counters.get("orphaned.bridge") == 1 && counters.get("routed") == 1
                        && langgraph().callbackHub().store().countPendingRuns() == 0);
        assertThat(browse("langgraph.requests")).isEmpty();
        assertThat(context.getRegistry().lookupByNameAndType("bridgeRequests", BridgeRequests.class)
                .store().countByState()).isEmpty();
    }
}
