package io.camellanggraph.component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.camellanggraph.component.health.LangGraphServerHealthCheck;
import io.camellanggraph.client.LangGraphWebhookUrlRefusedException;
import io.camellanggraph.client.LangGraphWebhookUrlRefusedException.Reason;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 13, item 4: each way the Python server's {@code webhooks.url} policy (its langgraph.json) refuses this app's
 * webhook URL with a 422 on run creation becomes one {@link LangGraphWebhookUrlRefusedException} naming the setting
 * that fixes it; the LangGraph server health check is DOWN with it until a run with a webhook is accepted again.
 * Each case runs against a real Python server configured to refuse it.
 */
class WebhookUrlPolicyRefusalsTest {

    static Stream<Arguments> refusals() {
        return Stream.of(
                // the trap: any webhooks.url key turns require_https on
                Arguments.of("{\"disable_loopback\": false}", "http://127.0.0.1", Reason.HTTPS_REQUIRED, "webhooks.url.require_https"),
                Arguments.of("{\"require_https\": false, \"disable_loopback\": false, \"allowed_domains\": [\"hooks.example.com\"]}",
                        "http://127.0.0.1", Reason.DOMAIN_NOT_ALLOWED, "webhooks.url.allowed_domains"),
                Arguments.of("{\"require_https\": false, \"disable_loopback\": false, \"allowed_ports\": [443]}",
                        "http://127.0.0.1", Reason.PORT_NOT_ALLOWED, "webhooks.url.allowed_ports"),
                Arguments.of("{\"require_https\": false, \"disable_loopback\": false, \"max_url_length\": 80}",
                        "http://127.0.0.1", Reason.URL_TOO_LONG, "webhooks.url.max_url_length"),
                // disable_loopback defaults to true
                Arguments.of("{\"require_https\": false}", "http://127.0.0.1", Reason.LOOPBACK_BLOCKED, "webhooks.url.disable_loopback"),
                Arguments.of("{\"require_https\": false, \"disable_private_ips\": true}", "http://10.0.0.1",
                        Reason.PRIVATE_ADDRESS_BLOCKED, "webhooks.url.disable_private_ips"),
                Arguments.of("{\"require_https\": false}", "http://no-such-host.invalid", Reason.DNS_RESOLUTION_FAILED,
                        "langgraph.webhook.base-url"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("refusals")
    void refusedWebhookUrlIsOneClearErrorNamingTheFixAndTheHealthCheckShowsIt(String policy, String baseHost, Reason reason,
            String fix) throws Exception {
        try (LangGraphServer server = LangGraphServer.dedicatedPython("{\"url\": " + policy + "}");
             CamelContext context = context(server, baseHost)) {
            ProducerTemplate producer = context.createProducerTemplate();
            for (int tick = 0; tick < 2; tick++) {
                Throwable thrown = catchThrowable(() -> producer.requestBody(
                        "langgraph:run?assistantId=echo&threadId=new&callback=policy", "{\"text\": \"hi\"}"));
                assertThat(thrown).isInstanceOf(CamelExecutionException.class);
                assertThat(thrown.getCause()).isInstanceOfSatisfying(LangGraphWebhookUrlRefusedException.class, refused -> {
                    assertThat(refused.getReason()).isEqualTo(reason);
                    assertThat(refused.getMessage()).contains(fix).doesNotContain("token=");
                    assertThat(refused.getStackTrace()).isEmpty();
                });
            }
            HealthCheck.Result health = healthCheck(context).call();
            assertThat(health.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(health.getMessage()).hasValueSatisfying(message -> assertThat(message).contains(fix));
            assertThat(health.getDetails()).containsEntry("webhookUrlRefused", reason.name());
        }
    }

    @Test
    void healthCheckIsUpAgainOnceARunWithAnAcceptedWebhookIsCreated() throws Exception {
        try (LangGraphServer server = LangGraphServer.dedicatedPython(
                "{\"url\": {\"require_https\": false, \"disable_loopback\": false, \"allowed_domains\": [\"hooks.example.com\"]}}");
             CamelContext context = context(server, "http://127.0.0.1")) {
            ProducerTemplate producer = context.createProducerTemplate();
            catchThrowable(() -> producer.requestBody("langgraph:run?assistantId=echo&threadId=new&callback=policy", "{}"));
            assertThat(healthCheck(context).call().getState()).isEqualTo(HealthCheck.State.DOWN);

            // an allowed host (exactly listed, so the server does not resolve it): the server takes the run
            producer.requestBody("langgraph:run?assistantId=echo&threadId=new&webhook=http://hooks.example.com/hook", "{}");
            assertThat(healthCheck(context).call().getState()).isEqualTo(HealthCheck.State.UP);
        }
    }

    private static HealthCheck healthCheck(CamelContext context) {
        LangGraphComponent langgraph = context.getComponent("langgraph", LangGraphComponent.class);
        LangGraphServerHealthCheck check = new LangGraphServerHealthCheck(langgraph::getConfiguration, langgraph::serverClient, langgraph::webhookUrlStatus);
        check.setCamelContext(context);
        return check;
    }

    /** The component as an app sets it up, with its receiver announced at {@code baseHost} and a free port. */
    private static CamelContext context(LangGraphServer server, String baseHost) throws Exception {
        int port = LangGraphTestSupport.freePort();
        CamelContext context = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost("127.0.0.1");
        http.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(http));
        LangGraphComponent langgraph = new LangGraphComponent();
        langgraph.getConfiguration().setUrl(server.url());
        langgraph.setDataDir(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "webhook-policy-").toString());
        langgraph.setWebhookBaseUrl(baseHost + ":" + port);
        langgraph.setWebhookSecret(LangGraphTestSupport.SECRET);
        context.addComponent("langgraph", langgraph);
        context.start();
        return context;
    }
}
