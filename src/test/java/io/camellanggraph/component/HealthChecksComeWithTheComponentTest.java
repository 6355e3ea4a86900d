package io.camellanggraph.component;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.YamlApp;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A plain Camel context with the component (no app) has its health checks: the LangGraph server with its version,
 * and the callback store once a route uses the callback path; each turned off (state unknown, not called) by the
 * component's standard healthCheck*Enabled options.
 */
class HealthChecksComeWithTheComponentTest {

    private final LangGraphServer server = LangGraphServer.python();
    private YamlApp app;

    @AfterEach
    void stopTheApp() {
        if (app != null) {
            app.close();
        }
    }

    private Map<String, HealthCheck.Result> results() {
        Collection<HealthCheck.Result> results = HealthCheckHelper.invoke(app.context(), "full");
        return results.stream().collect(Collectors.toMap(r -> r.getCheck().getId(), r -> r));
    }

    @Test
    void serverCheckIsUpWithTheVersionAndStoreCheckReportsTheStoreOnceAWebhookRouteUsesIt() throws Exception {
        app = new YamlApp(server).routes("""
            - route:
                from:
                  uri: direct:nothing-yet
                  steps: [{log: "-"}]
            """).start();
        app.context().getComponent("langgraph");

        Map<String, HealthCheck.Result> before = results();
        assertThat(before.get("langgraph-server").getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(before.get("langgraph-server").getDetails()).containsKey("version").containsEntry("crons", true);
        assertThat(before.get("langgraph-store").getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(before.get("langgraph-store").getDetails()).containsEntry("started", false);

        app.routes("""
            - route:
                from:
                  uri: langgraph:webhook/health
                  steps: [{log: "-"}]
            """);

        Map<String, HealthCheck.Result> after = await().atMost(Duration.ofSeconds(10))
                .until(this::results, r -> Boolean.TRUE.equals(r.get("langgraph-store").getDetails().get("started")));
        assertThat(after.get("langgraph-store").getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(after.get("langgraph-store").getDetails()).containsEntry("runs.pending", 0).containsKey("inbox.unrouted");
    }

    @Test
    void serverCheckIsDownForAServerThatDoesNotAnswer() throws Exception {
        app = new YamlApp(server);
        app.langgraph().getConfiguration().setUrl("http://127.0.0.1:" + LangGraphTestSupport.freePort());
        app.start();
        app.context().getComponent("langgraph");

        HealthCheck.Result result = results().get("langgraph-server");
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("unreachable"));
    }

    @Test
    void healthCheckOptionsTurnTheChecksOff() throws Exception {
        app = new YamlApp(server);
        app.langgraph().setHealthCheckProducerEnabled(false);
        app.langgraph().setHealthCheckConsumerEnabled(false);
        app.start();
        app.context().getComponent("langgraph");

        Map<String, HealthCheck.Result> results = results();
        for (String id : new String[] {"langgraph-server", "langgraph-store"}) {
            assertThat(results.get(id).getState()).as(id).isEqualTo(HealthCheck.State.UNKNOWN);
            assertThat(results.get(id).getDetails()).as(id).containsEntry(HealthCheck.CHECK_ENABLED, false);
        }
    }
}
