package io.camellanggraph.component;

import java.time.Duration;

import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.YamlApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A graceful stop (SIGTERM, or the route stopped) while an outcome is in the middle of its route: Camel suspends the
 * webhook consumer (no new outcome enters), waits for the exchange to finish, and only then stops the route's
 * processors. Stopped at once instead, the exchange in the route's delay woke to "run is not allowed", was handed back
 * to the inbox and routed again at the next start, after a step that had already written its output could have run.
 */
class OutcomeInItsRouteWhenTheRouteStopsFinishesItsRouteOnceTest {

    @Test
    void anOutcomeInTheRouteWhenItsRouteStopsFinishesTheRouteAndIsNotRoutedAgainAfterTheRestart() throws Exception {
        try (YamlApp app = new YamlApp(LangGraphServer.python())) {
            app.routes("""
                    - route:
                        id: slow-outcomes
                        from:
                          uri: "langgraph:webhook/slow"
                          steps:
                            - process:
                                ref: collect-entered
                            - delay:
                                constant: 1500
                            - process:
                                ref: collect-finished
                    - route:
                        id: start-run
                        from:
                          uri: "direct:start"
                          steps:
                            - to: "langgraph:run?assistantId=echo&threadId=new&callback=slow"
                    """).start();
            String runId = app.context().createProducerTemplate().request("direct:start",
                    e -> e.getMessage().setBody("{\"text\": \"stopped mid-route\"}")).getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> app.collected("entered").size() == 1);

            // the outcome is in the delay now: a graceful stop lets it finish
            app.context().getRouteController().stopRoute("slow-outcomes");
            assertThat(app.collected("finished")).singleElement()
                    .satisfies(m -> assertThat(m.getHeader(LangGraphConstants.RUN_ID)).isEqualTo(runId));

            // routed, so the restarted route (which takes what the inbox still holds) does not get it again
            app.context().getRouteController().startRoute("slow-outcomes");
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> app.collected("entered").size() == 1);
            assertThat(app.collected("finished")).hasSize(1);
        }
    }
}
