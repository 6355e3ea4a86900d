package io.camellanggraph.callback;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A leaked webhook URL used to post a steady stream of made-up outcomes, against the real Python server, while the
 * run it belongs to ends and the server posts the real one. During the flood the server is asked about a few claims a
 * second, not about each; afterwards every forged claim is refused, none is left in the inbox, and the real outcome is
 * routed once, with the server's values.
 */
class AFloodOfForgedClaimsIsCheckedAFewASecondAndNothingInItIsLostTest extends LangGraphTestSupport {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A second with this many claims from senders, most of them refused, is a flood (low: a loaded CI machine). */
    private static final int FLOOD_CLAIMS = 20;
    private final List<Message> routed = new CopyOnWriteArrayList<>();

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.python();
    }

    @Override
    protected void configure(LangGraphComponent langgraph) {
        langgraph.setFloodClaimsPerSecond(FLOOD_CLAIMS);
        langgraph.setFloodChecksPerSecond(2);
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

    @Test
    void theServerIsAskedAboutAFewClaimsASecondAndAfterwardsEveryForgeryIsRefusedAndTheRealOutcomeRoutedOnce() throws Exception {
        Exchange started = template.request("langgraph:run?assistantId=sleep&threadId=new&callback=verified",
                e -> e.getMessage().setBody("{\"seconds\": 2}"));
        String threadId = started.getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class);
        String runId = started.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);
        JsonNode run = MAPPER.readTree(template.requestBodyAndHeaders("langgraph:getRun", null,
                Map.of(LangGraphConstants.THREAD_ID, threadId, LangGraphConstants.RUN_ID, runId), String.class));
        String url = run.path("kwargs").path("webhook").asText();
        CallbackCounters counters = langgraph().callbackHub().counters();

        // 100 forged claims a second for 5 s, from one sender; the run ends (and its webhook comes) meanwhile
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger accepted = new AtomicInteger();
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
        try {
            sender.scheduleAtFixedRate(() -> {
                String forged = "{\"run_id\": \"" + UUID.randomUUID() + "\", \"thread_id\": \"" + threadId + "\","
                        + " \"status\": \"success\", \"values\": {\"forged\": true}}";
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(forged)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        accepted.incrementAndGet();
                    }
                } catch (Exception e) {
                    // counted as not accepted
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> accepted.get() >= 500);
        } finally {
            sender.shutdownNow();
            sender.awaitTermination(10, TimeUnit.SECONDS);
        }
        int forged = accepted.get();
        long checkedDuringTheFlood = counters.get("unconfirmed.unknown-run");
        assertThat(counters.get("deferred.flood")).as("claims left in the inbox during the flood").isPositive();
        assertThat(checkedDuringTheFlood).as("forged claims the server was asked about while they came (of %d)", forged)
                .isLessThan(forged / 2);

        // afterwards: every forgery refused, nothing left waiting, the real outcome routed once with the server's values
        await().atMost(Duration.ofSeconds(90)).until(() -> routed.size() == 1
                && !langgraph().callbackHub().store().countByState().containsKey("pending")
                && !langgraph().callbackHub().store().countByState().containsKey("claimed"));
        // a post cut short when the sender stopped may have been recorded all the same: at least every one answered 200
        assertThat(counters.get("unconfirmed.unknown-run")).isGreaterThanOrEqualTo(forged);
        JsonNode body = MAPPER.readTree(routed.get(0).getBody(String.class));
        assertThat(body.path("run_id").asText()).isEqualTo(runId);
        assertThat(body.path("values").path("slept").asDouble()).isEqualTo(2.0);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> routed.size() == 1);
    }
}
