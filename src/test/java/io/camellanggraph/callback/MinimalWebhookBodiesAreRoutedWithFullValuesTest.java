package io.camellanggraph.callback;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.Compatibility;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A deployment may cut the webhook body down with {@code webhooks.allowed_fields}; the real Python server here keeps
 * only {@code run_id}. The correlation id in the URL and the server supply the rest: the routed outcome has its
 * status and full values all the same.
 */
class MinimalWebhookBodiesAreRoutedWithFullValuesTest extends LangGraphTestSupport {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static LangGraphServer server;
    private final List<Message> routed = new CopyOnWriteArrayList<>();

    @Override
    protected LangGraphServer server() {
        if (server == null) {
            server = LangGraphServer.dedicatedPython(
                    "{\"allowed_fields\": [\"run_id\"], \"url\": {\"disable_loopback\": false, \"require_https\": false}}");
        }
        return server;
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("langgraph:webhook/minimal").process(e -> routed.add(e.getMessage().copy()));
            }
        };
    }

    @Test
    void webhookWithOnlyTheRunIdIsRoutedWithStatusAndValuesFromTheServer() throws Exception {
        String runId = template.request("langgraph:run?assistantId=echo&threadId=new&callback=minimal",
                e -> e.getMessage().setBody("{\"text\": \"cut down\"}")).getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);

        await().atMost(Duration.ofSeconds(30)).until(() -> routed.size() == 1);
        Message outcome = routed.get(0);
        assertThat(outcome.getHeader(LangGraphConstants.RUN_ID)).isEqualTo(runId);
        assertThat(outcome.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
        assertThat(outcome.getHeader(LangGraphConstants.SOURCE)).as("it came as a webhook, not by polling").isEqualTo("webhook");
        JsonNode body = MAPPER.readTree(outcome.getBody(String.class));
        assertThat(body.path("values").path("upper").asText()).isEqualTo("CUT DOWN");
        assertThat(server.log()).contains("Background worker called webhook");
        Compatibility.MINIMAL_BODIES.works(server);
    }
}
