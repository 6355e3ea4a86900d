package io.camellanggraph.tracing;

import java.time.Duration;
import java.util.List;

import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.YamlApp;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.camel.Message;
import org.apache.camel.opentelemetry.OpenTelemetryTracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With camel-opentelemetry, the route that receives a run's outcome by webhook continues the trace of the exchange
 * that started the run: the trace context travels in the run's metadata, against the real Python server.
 */
class OutcomeRouteJoinsTheTraceOfTheRunsStartTest {

    private final LangGraphServer server = LangGraphServer.python();
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    private YamlApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        tracing.close();
    }

    @Test
    void outcomeRouteSpanIsInTheTraceThatStartedTheRun() throws Exception {
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
        OpenTelemetryTracer tracer = new OpenTelemetryTracer();
        tracer.setTracer(tracing.get("camel-langgraph-test"));
        tracer.setContextPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()));
        tracer.init(app.context());
        app.start();

        app.context().createProducerTemplate().sendBody("direct:start", "{\"text\": \"traced\"}");

        Message outcome = await().atMost(Duration.ofSeconds(30)).until(() -> app.collected("outcomes"), l -> !l.isEmpty()).get(0);
        assertThat(outcome.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
        List<SpanData> spans = await().atMost(Duration.ofSeconds(10)).until(exporter::getFinishedSpanItems,
                s -> s.stream().anyMatch(span -> uri(span).startsWith("langgraph://webhook/traced")));
        SpanData runStarted = spans.stream().filter(span -> uri(span).startsWith("langgraph://run")).findFirst().orElseThrow();
        SpanData routed = spans.stream().filter(span -> uri(span).startsWith("langgraph://webhook/traced")).findFirst().orElseThrow();
        // the outcome's route is a child of the producer span that started the run: one trace from start to outcome
        assertThat(routed.getTraceId()).isEqualTo(runStarted.getTraceId());
        assertThat(routed.getParentSpanId()).isEqualTo(runStarted.getSpanId());
    }

    private static String uri(SpanData span) {
        return span.getAttributes().asMap().entrySet().stream().filter(e -> e.getKey().getKey().equals("camel.uri"))
                .map(e -> String.valueOf(e.getValue())).findFirst().orElse("");
    }
}
