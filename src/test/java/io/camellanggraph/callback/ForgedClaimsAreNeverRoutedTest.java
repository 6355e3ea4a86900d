package io.camellanggraph.callback;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.JdbcCallbackStore;
import io.camellanggraph.store.UnconfirmedClaim;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.RealRuns;
import io.camellanggraph.testsupport.RunIdWritesRefused;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The threat model, played against the real Python server: whoever can read runs can read each run's webhook URL
 * with its token ({@code kwargs.webhook}) and post to it. Every forgery is answered without being routed, and the
 * agent's real outcome is still routed once, with the server's values.
 */
class ForgedClaimsAreNeverRoutedTest extends LangGraphTestSupport {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final List<Message> routed = new CopyOnWriteArrayList<>();

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.python();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("langgraph:webhook/verified").process(e -> routed.add(e.getMessage().copy()));
            }
        };
    }

    /** What an attacker with read access sees: the run's stored webhook URL, token included. */
    private String webhookUrlOf(String threadId, String runId) throws Exception {
        JsonNode run = MAPPER.readTree(template.requestBodyAndHeaders("langgraph:getRun", null,
                Map.of(LangGraphConstants.THREAD_ID, threadId, LangGraphConstants.RUN_ID, runId), String.class));
        String url = run.path("kwargs").path("webhook").asText();
        assertThat(url).as("the server shows the webhook URL to readers").contains("token=");
        return url;
    }

    private Exchange startSleepingRun(double seconds) {
        return template.request("langgraph:run?assistantId=sleep&threadId=new&callback=verified",
                e -> e.getMessage().setBody("{\"seconds\": " + seconds + "}"));
    }

    private List<String> unconfirmedReasons() throws Exception {
        return langgraph().callbackHub().store().unconfirmed(100).stream().map(UnconfirmedClaim::reason).toList();
    }

    @Test
    void forgeryWhileTheRunRunsIsNotRoutedAndTheRealOutcomeIsRoutedOnceWithTheServersValues() throws Exception {
        Exchange started = startSleepingRun(2);
        String threadId = started.getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class);
        String runId = started.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);
        String url = webhookUrlOf(threadId, runId);

        String forged = "{\"run_id\": \"" + runId + "\", \"thread_id\": \"" + threadId + "\", \"status\": \"success\","
                + " \"values\": {\"slept\": 999, \"forged\": true}}";
        assertThat(post(url, forged).statusCode()).isEqualTo(200);

        // the real webhook comes when the run ends; what is routed is the server's copy, once
        await().atMost(Duration.ofSeconds(30)).until(() -> routed.size() == 1);
        JsonNode body = MAPPER.readTree(routed.get(0).getBody(String.class));
        assertThat(body.path("run_id").asText()).isEqualTo(runId);
        assertThat(body.path("values").path("slept").asDouble()).isEqualTo(2.0);
        assertThat(body.path("values").has("forged")).isFalse();
        assertThat(routed.get(0).getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success");

        // after the real outcome: a second outcome for the same run, as an error
        String secondOutcome = "{\"run_id\": \"" + runId + "\", \"thread_id\": \"" + threadId + "\", \"status\": \"error\","
                + " \"error\": {\"error\": \"ValueError\", \"message\": \"forged\"}}";
        assertThat(post(url, secondOutcome).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> unconfirmedReasons().contains("already-routed"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> routed.size() == 1);
        assertThat(langgraph().callbackHub().counters().get("unconfirmed.already-routed")).isPositive();
    }

    @Test
    void madeUpRunIdWithInventedValuesIsNotRouted() throws Exception {
        Exchange started = startSleepingRun(0.1);
        String threadId = started.getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class);
        String url = webhookUrlOf(threadId, started.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class));
        await().atMost(Duration.ofSeconds(30)).until(() -> routed.size() == 1);

        String madeUp = UUID.randomUUID().toString();
        String forged = "{\"run_id\": \"" + madeUp + "\", \"thread_id\": \"" + threadId + "\", \"status\": \"success\","
                + " \"values\": {\"invented\": true}}";
        assertThat(post(url, forged).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> unconfirmedReasons().contains("unknown-run"));
        assertThat(routed).hasSize(1);
        assertThat(langgraph().callbackHub().store().unconfirmed(100))
                .anySatisfy(c -> assertThat(c.runId()).isEqualTo(madeUp));
        assertThat(langgraph().callbackHub().store().state(Claim.key(madeUp, cidOf(url)))).as("not kept in the inbox").isNull();
    }

    @Test
    void realOutcomeOfAnotherCallbacksRunPostedToThisCallbackIsNotRouted() throws Exception {
        Exchange started = startSleepingRun(0.1);
        String threadId = started.getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class);
        String url = webhookUrlOf(threadId, started.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class));
        await().atMost(Duration.ofSeconds(30)).until(() -> routed.size() == 1);

        // a real, finished run that some other callback (another correlation id) started
        RealRuns.RealRun other = new RealRuns(server().url()).finished("echo", "{\"text\": \"not yours\"}");
        assertThat(post(url, other.json().toString()).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> unconfirmedReasons().contains("other-callback"));
        assertThat(routed).hasSize(1);
        assertThat(routed.get(0).getHeader(LangGraphConstants.RUN_ID)).isNotEqualTo(other.runId());
    }

    /**
     * The store refused to record the run's id after the create (a full disk): its pending row names no run, so the run
     * a claim names must carry the row's correlation id in its metadata. Another run posted to its URL is refused; the
     * run's own webhook is routed once.
     */
    @Test
    void runWhoseIdWasNotRecordedIsRoutedOnceByItsOwnWebhookAndAnotherRunPostedToItIsNot() throws Exception {
        CallbackStore store = langgraph().callbackHub().store();
        Exchange started;
        try (RunIdWritesRefused refused = new RunIdWritesRefused(((JdbcCallbackStore) store).dataSource())) {
            started = startSleepingRun(2);
        }
        assertThat(started.getException()).isNull();
        assertThat(store.pendingRunsOlderThan(Long.MAX_VALUE, 10)).singleElement()
                .satisfies(pending -> assertThat(pending.runId()).isNull());
        String runId = started.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);
        String url = webhookUrlOf(started.getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class), runId);

        RealRuns.RealRun other = new RealRuns(server().url()).finished("echo", "{\"text\": \"not yours\"}");
        assertThat(post(url, other.json().toString()).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> unconfirmedReasons().contains("other-callback"));
        // reconcileAfter is at its default (5 minutes): only the run's own webhook can route it within the wait
        await().atMost(Duration.ofSeconds(30)).until(() -> routed.size() == 1);
        assertThat(routed.get(0).getHeader(LangGraphConstants.RUN_ID)).isEqualTo(runId);
        assertThat(routed.get(0).getHeader(LangGraphConstants.SOURCE)).isEqualTo("webhook");
        await().atMost(Duration.ofSeconds(10)).until(() -> store.countPendingRuns() == 0);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> routed.size() == 1);
    }

    private static String cidOf(String url) {
        return url.replaceAll(".*[?&]cid=([^&]+).*", "$1");
    }
}
