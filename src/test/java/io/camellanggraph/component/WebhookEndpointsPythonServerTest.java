package io.camellanggraph.component;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.testsupport.Compatibility;
import io.camellanggraph.testsupport.LangGraphServer;
import org.apache.camel.Message;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhook endpoints on the Python server, crons included: a `* * * * *` cron calls back within two minutes. */
class WebhookEndpointsPythonServerTest extends WebhookEndpointsTestBase {

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.python();
    }

    @Test
    void statelessAndThreadCronsCallBackWithTheirValues() {
        String statelessText = unique("stateless-cron");
        JsonNode stateless = json(template.requestBody("langgraph:cron?assistantId=echo&schedule=* * * * *",
                Map.of("text", statelessText), String.class));
        String threadText = unique("thread-cron");
        String threadId = template.request("langgraph:createThread", e -> { }).getMessage()
                .getHeader(LangGraphConstants.THREAD_ID, String.class);
        JsonNode threadCron = json(template.requestBodyAndHeader("langgraph:cron?assistantId=echo&schedule=* * * * *",
                Map.of("text", threadText), LangGraphConstants.THREAD_ID, threadId, String.class));
        try {
            Message statelessOutcome = outcomeWithText(statelessText, Duration.ofMinutes(2).plusSeconds(30));
            assertThat(statelessOutcome.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("success");
            assertThat(json(statelessOutcome.getBody(String.class)).path("values").path("upper").asText())
                    .isEqualTo(statelessText.toUpperCase());
            Message threadOutcome = outcomeWithText(threadText, Duration.ofMinutes(2).plusSeconds(30));
            assertThat(threadOutcome.getHeader(LangGraphConstants.THREAD_ID)).isEqualTo(threadId);
            Compatibility.CRON_STATELESS.works(server());
            Compatibility.CRON_THREAD.works(server());
        } finally {
            template.requestBodyAndHeader("langgraph:cronDelete", null, LangGraphConstants.CRON_ID, stateless.path("cron_id").asText());
            template.requestBodyAndHeader("langgraph:cronDelete", null, LangGraphConstants.CRON_ID, threadCron.path("cron_id").asText());
        }
    }
}
