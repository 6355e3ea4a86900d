package io.camellanggraph.tracing;

import java.time.Duration;
import java.util.Map;

import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.YamlApp;
import org.apache.camel.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The route that receives a run's outcome by webhook gets the W3C trace context ({@code traceparent},
 * {@code tracestate}) of the exchange that started the run, against the real Python server: the context travels in
 * the run's metadata. These are the headers a Camel tracer (camel-opentelemetry, camel-opentelemetry2) writes on the
 * message a producer sends and reads from the message a consumer creates, so with a tracer on, the outcome's route
 * continues the trace that started the run.
 */
class OutcomeCarriesTheTraceContextOfTheRunsStartTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String TRACESTATE = "congo=t61rcWkgMzE";

    private final LangGraphServer server = LangGraphServer.python();
    private YamlApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void outcomeRouteGetsTheTraceContextTheRunWasStartedWith() throws Exception {
        app = new YamlApp(server).routes("""
            - route:
                id: start
                from:
                  uri: direct:start
                  steps:
                    - to: "langgraph:run?assistantId=echo&callback=traced"
            - route:
                id: outcomes
                from:
                  uri: langgraph:webhook/traced
                  steps:
                    - process:
                        ref: collect-outcomes
            """);
        app.start();

        app.context().createProducerTemplate().sendBodyAndHeaders("direct:start", "{\"text\": \"traced\"}",
                Map.of("traceparent", TRACEPARENT, "tracestate", TRACESTATE));

        Message outcome = await().atMost(Duration.ofSeconds(30)).until(() -> app.collected("outcomes"), l -> !l.isEmpty()).get(0);
        assertThat(outcome.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
        assertThat(outcome.getHeader("traceparent")).isEqualTo(TRACEPARENT);
        assertThat(outcome.getHeader("tracestate")).isEqualTo(TRACESTATE);
    }
}
