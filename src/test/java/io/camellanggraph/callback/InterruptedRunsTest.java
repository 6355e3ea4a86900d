package io.camellanggraph.callback;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A run reported as success whose thread waits at an interrupt is flagged, with the interrupt payload from the thread. */
class InterruptedRunsTest extends LangGraphTestSupport {

    private final List<Message> outcomes = new CopyOnWriteArrayList<>();

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.python();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("langgraph:webhook/approvals").process(e -> outcomes.add(e.getMessage().copy()));
            }
        };
    }

    private Message outcomeOf(Exchange started) {
        String runId = started.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);
        return await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.stream()
                .filter(m -> runId.equals(m.getHeader(LangGraphConstants.RUN_ID))).findFirst().orElse(null), m -> m != null);
    }

    @Test
    void interruptCallIsFlaggedWithItsPayload() {
        Message outcome = outcomeOf(template.request("langgraph:run?assistantId=ask&threadId=new&callback=approvals",
                e -> e.getMessage().setBody("{\"text\": \"ship it?\"}")));
        assertThat(outcome.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
        assertThat(outcome.getHeader(LangGraphConstants.INTERRUPTED, Boolean.class)).isTrue();
        assertThat(outcome.getHeader(LangGraphConstants.INTERRUPTS, String.class)).contains("approve?").contains("ship it?");
    }

    @Test
    void interruptBeforeANodeIsFlaggedToo() {
        Message outcome = outcomeOf(template.request("langgraph:run?assistantId=echo&threadId=new&callback=approvals&interruptBefore=*",
                e -> e.getMessage().setBody("{\"text\": \"held\"}")));
        assertThat(outcome.getHeader(LangGraphConstants.INTERRUPTED, Boolean.class)).isTrue();
    }

    @Test
    void completedRunIsNotFlagged() {
        Message outcome = outcomeOf(template.request("langgraph:run?assistantId=echo&threadId=new&callback=approvals",
                e -> e.getMessage().setBody("{\"text\": \"done\"}")));
        assertThat(outcome.getHeader(LangGraphConstants.INTERRUPTED, Boolean.class)).isFalse();
        assertThat(outcome.getHeader(LangGraphConstants.INTERRUPTS)).isNull();
    }
}
