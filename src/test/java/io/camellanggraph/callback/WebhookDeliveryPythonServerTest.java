package io.camellanggraph.callback;

import java.time.Duration;

import io.camellanggraph.testsupport.Compatibility;
import io.camellanggraph.testsupport.LangGraphServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Python server posts JSON and sends a webhook again after a 5xx (3 attempts, langgraph_api/http.py). */
class WebhookDeliveryPythonServerTest extends WebhookDeliveryTestBase {

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.python();
    }

    @Override
    protected String expectedContentType() {
        return "application/json";
    }

    @Test
    void webhookAnsweredWithAServerErrorIsSentAgain() {
        failuresLeft.set(1);
        startRunCallingTheProbe();
        await().atMost(Duration.ofSeconds(30)).until(() -> contentTypes.size() == 2);
        assertThat(failuresLeft.get()).isNegative();
        Compatibility.RETRIES.works(server());
    }
}
