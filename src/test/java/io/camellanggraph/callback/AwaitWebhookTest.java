package io.camellanggraph.callback;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphAwaitTimeoutException;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code awaitWebhook=true}: the exchange completes when its run's callback arrives, without a thread per pending run. */
class AwaitWebhookTest extends LangGraphTestSupport {

    private final AtomicInteger peakThreads = new AtomicInteger();

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.js();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to("langgraph:run?assistantId=echo&threadId=new&awaitWebhook=true&callback=await");
                // one SEDA consumer thread feeds all runs: if awaiting held a thread, 1,000 runs could not be pending at once
                from("seda:many?size=2000").to("langgraph:run?assistantId=echo&threadId=new&awaitWebhook=true&callback=await")
                        .to("mock:done");
                from("direct:long").to("langgraph:run?assistantId=sleep&threadId=new&awaitWebhook=true&awaitTimeout=10m&callback=await");
                from("direct:short").to("langgraph:run?assistantId=sleep&threadId=new&awaitWebhook=true&awaitTimeout=500&callback=await");
            }
        };
    }

    @Test
    void replyCarriesTheRunWithValuesAndTheConsumersHeaders() throws Exception {
        Exchange reply = template.request("direct:ask", e -> e.getMessage().setBody("{\"text\": \"awaited\"}"));
        assertThat(reply.getException()).isNull();
        JsonNode run = new ObjectMapper().readTree(reply.getMessage().getBody(String.class));
        assertThat(run.path("status").asText()).isEqualTo("success");
        assertThat(run.path("values").path("upper").asText()).isEqualTo("AWAITED");
        assertThat(reply.getMessage().getHeader(LangGraphConstants.RUN_ID)).isEqualTo(run.path("run_id").asText());
        assertThat(reply.getMessage().getHeader(LangGraphConstants.SOURCE)).isEqualTo("webhook");
        assertThat(reply.getMessage().getHeader(LangGraphConstants.CALLBACK)).isEqualTo("await");
    }

    @Test
    void waitersBeyondAThousandAreAllAcceptedWithTheirTimeouts() throws Exception {
        Correlator correlator = langgraph().callbackHub().correlator();
        AtomicInteger timedOut = new AtomicInteger();
        for (int i = 0; i < 5000; i++) {
            correlator.await("many-" + i, 60_000, delivery -> { }, timedOut::incrementAndGet, () -> { });
        }
        assertThat(correlator.size()).isEqualTo(5000);
        for (int i = 0; i < 5000; i++) {
            correlator.cancel("many-" + i);
        }
        assertThat(correlator.size()).isZero();
        assertThat(timedOut).hasValue(0);
    }

    @Test
    void callbackLaterThanTheTimeoutFailsTheExchangeWithATypedException() {
        Exchange reply = template.request("direct:short", e -> e.getMessage().setBody("{\"seconds\": 3}"));
        assertThat(reply.getException()).isInstanceOf(LangGraphAwaitTimeoutException.class);
    }

    @Test
    void exchangeWaitingWhenTheContextStopsFailsAtOnceWithATypedException() throws Exception {
        java.util.concurrent.CompletableFuture<Exchange> reply = template.asyncSend("direct:long",
                e -> e.getMessage().setBody("{\"seconds\": 60}"));
        Correlator correlator = langgraph().callbackHub().correlator();
        await().atMost(Duration.ofSeconds(30)).until(() -> correlator.size() == 1);

        context.stop();

        // not after the ten minutes of its awaitTimeout: the stop fails it
        assertThat(reply.get(30, java.util.concurrent.TimeUnit.SECONDS).getException())
                .isInstanceOf(io.camellanggraph.component.LangGraphAwaitStoppedException.class);
        assertThat(correlator.size()).isZero();
    }

    @Test
    void thousandConcurrentPendingRunsAllCompleteWithAFlatThreadCount() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MockEndpoint done = getMockEndpoint("mock:done");
        done.expectedMessageCount(1000);
        int before = threads.getThreadCount();
        for (int i = 0; i < 1000; i++) {
            template.sendBody("seda:many", "{\"text\": \"run " + i + "\"}");
        }
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            peakThreads.accumulateAndGet(threads.getThreadCount(), Math::max);
            return done.getReceivedCounter() >= 1000;
        });
        done.assertIsSatisfied();
        assertThat(done.getExchanges()).allSatisfy(e -> assertThat(e.getMessage().getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success"));
        // the HTTP server, dispatcher and client pools are bounded; 1,000 parked exchanges would need 1,000 threads
        assertThat(peakThreads.get() - before).as("threads added while 1,000 runs were pending").isLessThan(60);
    }
}
