package io.camellanggraph.resume;

import java.time.Duration;
import java.util.List;

import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.store.Decision;
import io.camellanggraph.store.DecisionStore;
import io.camellanggraph.store.JdbcCallbackStore;
import io.camellanggraph.testsupport.LangGraphServer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * resumeTimeout with each onExpiry on the real Python server: route (the outcome comes again, status expired, its own
 * idempotency key), resume (the configured answer resumes the run), cancel (nothing routed, no answer taken any more);
 * each once, and the expired URL answers 410.
 */
class UnansweredInterruptsExpireAsTheirCallbackSaysTest extends HumanInTheLoopSupport {

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.python();
    }

    @Override
    protected List<String> webhooks() {
        return List.of("langgraph:webhook/approvals", "langgraph:webhook/expire-route?resumeTimeout=2s&onExpiry=route",
                "langgraph:webhook/expire-resume?resumeTimeout=2s&onExpiry=resume&onExpiryAnswer=reject",
                "langgraph:webhook/expire-cancel?resumeTimeout=2s&onExpiry=cancel");
    }

    private String startOn(String callback) {
        return template.request("langgraph:run?assistantId=approval&threadId=new&callback=" + callback,
                e -> e.getMessage().setBody("{\"text\": \"expire me\"}")).getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class);
    }

    @Test
    void routeExpiryRoutesTheOutcomeAgainAsExpiredOnce() throws Exception {
        String thread = startOn("expire-route");
        Message asked = outcome(thread, 1);
        Message expired = outcome(thread, 2);
        assertThat(expired.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("expired");
        assertThat(expired.getHeader(LangGraphConstants.RUN_ID)).isEqualTo(asked.getHeader(LangGraphConstants.RUN_ID));
        assertThat(expired.getHeader(LangGraphConstants.IDEMPOTENCY_KEY, String.class)).startsWith("expired:" + thread + ":");
        assertThat(expired.getHeader(LangGraphConstants.SOURCE)).isEqualTo("expiry");
        assertThat(mapper.readTree(expired.getBody(String.class)).path("expired_interrupt").path("value").path("question").asText())
                .isEqualTo("Approve?");
        assertThat(postJson(asked.getHeader(LangGraphConstants.RESUME_URL, String.class), "\"approve\"").statusCode()).isEqualTo(410);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> ofThread(thread).size() == 2);
        assertThat(runsOf(thread)).isEqualTo(1);
    }

    @Test
    void resumeExpiryResumesWithTheConfiguredAnswerOnce() throws Exception {
        String thread = startOn("expire-resume");
        outcome(thread, 1);
        Message resumed = outcome(thread, 2);
        assertThat(resumed.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
        assertThat(values(resumed).path("decision").asText()).isEqualTo("reject");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> ofThread(thread).size() == 2);
        assertThat(runsOf(thread)).isEqualTo(2);
    }

    @Test
    void cancelExpiryTakesNoAnswerAnyMoreAndRoutesNothing() throws Exception {
        String thread = startOn("expire-cancel");
        Message asked = outcome(thread, 1);
        String interruptId = interrupts(asked).get(0).path("id").asText();
        DecisionStore decisions = new DecisionStore(((JdbcCallbackStore) langgraph().callbackStore().orElseThrow()).dataSource());
        await().atMost(Duration.ofSeconds(20)).until(() -> decisions.find(thread, interruptId) != null);
        assertThat(decisions.find(thread, interruptId).state()).isEqualTo(Decision.CANCELLED);
        assertThat(postJson(asked.getHeader(LangGraphConstants.RESUME_URL, String.class), "\"approve\"").statusCode()).isEqualTo(410);
        // a trusted route without a handle (the interrupt named by its endpoint URI) is refused too
        Exchange tried = template.request("langgraph:resume?callback=expire-cancel&threadId=" + thread + "&interruptId=" + interruptId,
                e -> e.getMessage().setBody("\"approve\""));
        assertThat(tried.getException()).isInstanceOf(LangGraphResumeRefusedException.class);
        assertThat(((LangGraphResumeRefusedException) tried.getException()).getReason())
                .isEqualTo(LangGraphResumeRefusedException.Reason.EXPIRED);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> ofThread(thread).size() == 1);
        assertThat(runsOf(thread)).isEqualTo(1);
    }
}
